package no.nora.intents.features;

import opennlp.tools.util.ext.ExtensionLoader;

/** OpenNLP (2.5.9 and later) instantiates feature generators named in a model only from allowed packages. */
public final class FeaturePackage {
    private FeaturePackage() {
    }

    /** Idempotent; call before loading or training a model that uses this package's generators. */
    public static void allow() {
        ExtensionLoader.registerAllowedPackage(FeaturePackage.class.getPackageName());
    }
}
