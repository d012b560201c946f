package no.nora.channels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.nora.channels.config.ConfigException;
import no.nora.channels.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar channels/target/gateway.jar}: reads the environment, starts the gateway, stops it on SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        Logger log = LoggerFactory.getLogger(Main.class);
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Effective configuration: {}", config.describe());
        Gateway gateway;
        try {
            gateway = Gateway.start(config).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            String reason = e.getCause() instanceof ConfigException ? e.getCause().getMessage()
                    : String.valueOf(e.getCause());
            System.err.println("Configuration error: " + reason);
            log.error("Gateway did not start: {}", reason);
            System.exit(2);
            return;
        }
        log.info("Open http://localhost:{} for the demo", gateway.port());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down: finishing in-flight messages");
            try {
                gateway.stop().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Shutdown did not finish cleanly: {}", e.toString());
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
