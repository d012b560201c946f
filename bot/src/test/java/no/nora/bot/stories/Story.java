package no.nora.bot.stories;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.intents.Language;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One conversation written as data ({@code src/test/resources/stories/*.yaml}): who is writing, on which channel and
 * in which language, and for each message what the bot's replies must and must not contain, which choices and links
 * they carry, where the conversation stands after it, and which writes the case API receives. The format is in
 * {@code stories/README.md}.
 */
record Story(String file, String title, String channel, Optional<String> debtor, Optional<String> phone,
             Optional<String> reminder, Language language, List<Turn> turns) {

    /** @param review why the message goes to the team's review inbox ({@code none}: it does not); absent: not checked */
    record Turn(String say, List<String> has, List<String> lacks, Optional<List<String>> choices,
                Optional<List<String>> links, boolean silent, Optional<String> handoff, List<Write> writes,
                Optional<String> review) {
    }

    /** A write the case API must receive: its type, case and the body fields given. */
    record Write(String type, String caseId, Map<String, Object> body) {
    }

    static Story read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            var loading = new LoaderOptions();
            var dumping = new DumperOptions();
            Map<String, Object> yaml = new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping,
                    loading, new EverythingIsText()).load(in);
            return of(path.getFileName().toString(), yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Story of(String file, Map<String, Object> y) {
        String channel = (String) y.getOrDefault("channel", "web");
        if (!channel.equals("web") && !channel.equals("sms")) {
            throw new IllegalArgumentException(file + ": channel must be web or sms");
        }
        var language = Language.fromCode((String) y.getOrDefault("language", "nb"))
                .orElseThrow(() -> new IllegalArgumentException(file + ": language must be nb, nn or en"));
        var turns = new ArrayList<Turn>();
        for (Object t : (List<Object>) y.get("turns")) {
            var turn = (Map<String, Object>) t;
            var reply = (Map<String, Object>) turn.getOrDefault("reply", Map.of());
            var writes = new ArrayList<Write>();
            for (Object w : (List<Object>) turn.getOrDefault("writes", List.of())) {
                var write = (Map<String, Object>) w;
                writes.add(new Write((String) write.get("type"), (String) write.get("case"),
                        (Map<String, Object>) write.getOrDefault("body", Map.of())));
            }
            turns.add(new Turn(String.valueOf(turn.get("say")), strings(reply.get("has")), strings(reply.get("lacks")),
                    Optional.ofNullable(reply.get("choices")).map(Story::strings),
                    Optional.ofNullable(reply.get("links")).map(Story::strings),
                    "true".equals(turn.get("silent")), Optional.ofNullable((String) turn.get("handoff")),
                    writes, Optional.ofNullable((String) turn.get("review"))));
        }
        if (turns.isEmpty()) {
            throw new IllegalArgumentException(file + ": a story needs turns");
        }
        return new Story(file, String.valueOf(y.get("story")), channel, Optional.ofNullable((String) y.get("debtor")),
                Optional.ofNullable((String) y.get("phone")), Optional.ofNullable((String) y.get("reminder")),
                language, turns);
    }

    /** Every scalar is read as written: "05550" stays a phone number, "500.00" an amount, never a number. */
    private static final class EverythingIsText extends Resolver {
        @Override
        protected void addImplicitResolvers() {
        }
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
