package no.nora.channels.http;

import io.netty.handler.codec.DecoderException;
import java.util.Arrays;

/**
 * Recognises a request body that Netty's form decoder could not decode ({@code name=%zz}, a cut-off escape): the
 * client's mistake, a 400. Netty says so with a {@link DecoderException} – except for some inputs (a name that is just
 * "%"), where its {@code QueryStringDecoder}'s {@link IllegalArgumentException} escapes the form decoder unwrapped.
 * That one is told apart by where it was thrown; should Netty move its decoder, the attack tests
 * ({@code ClientMistakesTest}) show it as a 500 again.
 */
final class MalformedForms {
    private static final String NETTY_FORM_DECODER = "io.netty.handler.codec.http.multipart.";

    private MalformedForms() {
    }

    static boolean isMalformedForm(Throwable failure) {
        return failure instanceof DecoderException || failure instanceof IllegalArgumentException
                && Arrays.stream(failure.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(NETTY_FORM_DECODER));
    }
}
