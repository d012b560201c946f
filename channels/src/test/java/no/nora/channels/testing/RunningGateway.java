package no.nora.channels.testing;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.Gateway;
import no.nora.channels.config.GatewayConfig;

/**
 * A gateway started in-process for a test, on a free port, with a real Redis unless the test asks for memory.
 * Close it at the end of the test.
 */
public final class RunningGateway implements AutoCloseable {
    private final Gateway gateway;
    private final Vertx clientVertx = Vertx.vertx();
    private final WebClient client;

    private RunningGateway(Gateway gateway) {
        this.gateway = gateway;
        this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("localhost")
                .setDefaultPort(gateway.port()));
    }

    /** On the shared real Redis, with demo sign-in and agents always available. */
    public static RunningGateway withRedis(Map<String, String> env) throws Exception {
        var all = new HashMap<String, String>();
        all.put("REDIS_URL", TestRedis.shared().connectionString());
        all.put("AGENT_HOURS", "always");
        all.putAll(env);
        return start(all);
    }

    public static RunningGateway inMemory(Map<String, String> env) throws Exception {
        var all = new HashMap<String, String>();
        all.put("AGENT_HOURS", "always");
        all.putAll(env);
        return start(all);
    }

    public static RunningGateway start(Map<String, String> env) throws Exception {
        var all = new HashMap<>(env);
        all.putIfAbsent("PORT", "0");
        var gateway = Gateway.start(GatewayConfig.from(all)).get(60, TimeUnit.SECONDS);
        return new RunningGateway(gateway);
    }

    public Gateway gateway() {
        return gateway;
    }

    public WebClient client() {
        return client;
    }

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        return "http://localhost:" + gateway.port();
    }

    @Override
    public void close() throws Exception {
        client.close();
        clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway.stop().get(30, TimeUnit.SECONDS);
    }
}
