package no.nora.channels.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image as Jib builds it (target/gateway-image-check.tar, made by the build before the tests, on an
 * empty base instead of the JRE image operators build on): what a container platform reads from it – the command,
 * the user, the port, the health endpoints – and that the gateway itself is inside.
 */
class ContainerImageTest {
    private static final Path IMAGE = Path.of("target", "gateway-image-check.tar");

    private static JsonObject config;
    private static Map<String, byte[]> files;

    @BeforeAll
    static void read() throws IOException {
        assertThat(IMAGE).as("built by the jib-maven-plugin in process-test-classes (mvn test or verify)").exists();
        var image = entries(Files.newInputStream(IMAGE));
        var manifest = new JsonArray(new String(image.get("manifest.json"), StandardCharsets.UTF_8)).getJsonObject(0);
        config = new JsonObject(new String(image.get(manifest.getString("Config")), StandardCharsets.UTF_8))
                .getJsonObject("config");
        files = new LinkedHashMap<>();
        for (Object layer : manifest.getJsonArray("Layers")) {
            files.putAll(entries(new GZIPInputStream(new ByteArrayInputStream(image.get((String) layer)))));
        }
    }

    @Test
    void startsTheGatewayWithTheRecommendedCollector() {
        List<String> entrypoint = config.getJsonArray("Entrypoint").stream().map(String.class::cast).toList();

        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75");
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo("no.nora.channels.Main");
        // java is the container's first process: the platform's SIGTERM reaches the gateway's graceful stop.
        assertThat(entrypoint).noneMatch(arg -> arg.contains("sh") && arg.startsWith("/"));
    }

    @Test
    void runsAsAnOrdinaryUser() {
        String user = config.getString("User");

        assertThat(user).isNotBlank().doesNotStartWith("root");
        assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isGreaterThanOrEqualTo(1000);
        assertThat(Integer.parseInt(user.split(":")[1])).as("gid").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void exposesTheGatewaysPortAndNamesItsHealthEndpoints() {
        assertThat(config.getJsonObject("ExposedPorts").fieldNames()).containsExactly("8080/tcp");
        assertThat(config.getJsonArray("Env").getList()).contains("PORT=8080");
        assertThat(config.getJsonObject("Labels").getMap())
                .containsEntry("no.nora.health.live", "/health/live")
                .containsEntry("no.nora.health.ready", "/health/ready");
    }

    @Test
    void holdsTheGatewayAndEverythingOnItsClasspath() {
        assertThat(files).containsKey("app/classes/no/nora/channels/Main.class");
        String classpath = new String(files.get("app/jib-classpath-file"), StandardCharsets.UTF_8);
        for (String entry : classpath.strip().split(":")) {
            if (entry.endsWith(".jar")) {
                assertThat(files).as(entry).containsKey(entry.substring(1));
            }
        }
        assertThat(classpath).contains("vertx-redis-client", "bot-", "intents-", "redact-");
    }

    /** The regular files of a tar stream, by name (ustar; Jib writes nothing else). */
    private static Map<String, byte[]> entries(InputStream tar) throws IOException {
        var out = new LinkedHashMap<String, byte[]>();
        try (tar) {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] data = tar.readNBytes((int) size);
                tar.readNBytes((int) ((512 - size % 512) % 512));
                char type = (char) header[156];
                if (type == '0' || type == 0) {
                    String path = prefix.isEmpty() ? name : prefix + "/" + name;
                    out.put(path.startsWith("/") ? path.substring(1) : path, data);
                }
            }
        }
        return out;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
