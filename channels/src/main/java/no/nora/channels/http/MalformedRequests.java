package no.nora.channels.http;

import io.netty.handler.codec.DecoderException;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * Recognises a request that Netty could not decode while its handler was already running: a chunk size that is not
 * hex, a form with {@code name=%zz} or a cut-off escape. The client's mistake, a 400. Netty mostly says so with a
 * {@link DecoderException}, but some of its parsers' own exceptions escape unwrapped (the chunk size's
 * {@code NumberFormatException}, {@code QueryStringDecoder}'s {@code IllegalArgumentException} for a form field named
 * "%"): those are told apart by where they were thrown. Should Netty move its decoders, the attack tests
 * ({@code ClientMistakesTest}, {@code EndpointFuzzTest}) show them as 500s again.
 */
public final class MalformedRequests {
    private static final String NETTY_HTTP_DECODING = "io.netty.handler.codec.http.";

    private MalformedRequests() {
    }

    /**
     * A route handler, first for every request: a query string with a malformed %-escape is a 400 here. Decoded
     * later – by the body handler, once a form has arrived – its exception went past every handler, and the request
     * was never answered. Decoded once here, the parameters are kept for everyone after.
     */
    public static void refuseMalformedQuery(RoutingContext ctx) {
        try {
            ctx.request().params();
        } catch (IllegalArgumentException malformed) {
            ctx.fail(ApiException.badRequest("The query string is malformed: % must be followed by two hex digits."));
            return;
        }
        ctx.next();
    }

    static boolean isMalformedRequest(Throwable failure) {
        return failure instanceof DecoderException || failure instanceof IllegalArgumentException
                && Arrays.stream(failure.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(NETTY_HTTP_DECODING));
    }
}
