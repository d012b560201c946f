package no.nora.bot.learning;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.nora.bot.conversation.StoreUnavailableException;

/**
 * Models in Redis, beside the review inbox (same hash tag):
 * <ul>
 *   <li>{@code {nora:learning}:models} – HASH version → the candidate's description and report (JSON);</li>
 *   <li>{@code {nora:learning}:model:VERSION} – STRING, the intent model as OpenNLP serialises it (binary);</li>
 *   <li>{@code {nora:learning}:active} – STRING, the activation (JSON); absent: the shipped model;</li>
 *   <li>{@code {nora:learning}:job} – STRING, the newest retraining job (JSON);</li>
 *   <li>{@code {nora:learning}:job-claim} – STRING, the running job's id, expiring unless renewed.</li>
 * </ul>
 */
public final class RedisModelStore implements ModelStore {
    static final String MODELS = "{nora:learning}:models";
    static final String ACTIVE = "{nora:learning}:active";
    static final String JOB = "{nora:learning}:job";
    static final String JOB_CLAIM = "{nora:learning}:job-claim";
    /** A job not heard from for this long is taken for dead. */
    private static final long CLAIM_MILLIS = 5 * 60_000;

    private final Redis redis;

    public RedisModelStore(Redis redis) {
        this.redis = redis;
    }

    static String modelKey(String version) {
        return "{nora:learning}:model:" + version;
    }

    @Override
    public Future<Void> save(TrainedModel model, Buffer intentModel) {
        return batch(List.of(Request.cmd(Command.SET).arg(modelKey(model.version())).arg(intentModel),
                Request.cmd(Command.HSET).arg(MODELS).arg(model.version()).arg(model.toJson().encode())))
                .compose(v -> models().compose(all -> active().compose(active -> {
                    var drop = ModelStore.beyondKept(all, active);
                    if (drop.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    var requests = new ArrayList<Request>();
                    drop.forEach(version -> {
                        requests.add(Request.cmd(Command.HDEL).arg(MODELS).arg(version));
                        requests.add(Request.cmd(Command.DEL).arg(modelKey(version)));
                    });
                    return batch(requests);
                })));
    }

    @Override
    public Future<List<TrainedModel>> models() {
        return send(Request.cmd(Command.HVALS).arg(MODELS)).map(values -> {
            var out = new ArrayList<TrainedModel>();
            if (values != null) {
                values.forEach(v -> out.add(TrainedModel.fromJson(new JsonObject(v.toString()))));
            }
            out.sort(Comparator.comparing(TrainedModel::trainedAt).thenComparing(TrainedModel::version).reversed());
            return out;
        });
    }

    @Override
    public Future<Optional<Buffer>> intentModel(String version) {
        return send(Request.cmd(Command.GET).arg(modelKey(version))).map(r -> Optional.ofNullable(r).map(Response::toBuffer));
    }

    @Override
    public Future<Activation> active() {
        return send(Request.cmd(Command.GET).arg(ACTIVE))
                .map(r -> r == null ? Activation.SHIPPED : Activation.fromJson(new JsonObject(r.toString())));
    }

    @Override
    public Future<Void> activate(Activation activation) {
        return send(Request.cmd(Command.SET).arg(ACTIVE).arg(activation.toJson().encode())).mapEmpty();
    }

    @Override
    public Future<Optional<TrainingJob>> job() {
        return redis.batch(List.of(Request.cmd(Command.GET).arg(JOB), Request.cmd(Command.EXISTS).arg(JOB_CLAIM)))
                .recover(e -> Future.failedFuture(StoreUnavailableException.fromRedis(e)))
                .map(replies -> Optional.ofNullable(replies.get(0)).map(json -> {
                    var job = TrainingJob.fromJson(new JsonObject(json.toString()));
                    boolean claimed = replies.get(1).toInteger() == 1;
                    return job.state() == TrainingJob.State.RUNNING && !claimed
                            ? job.failed("The retraining stopped with the instance that ran it; start it again.")
                            : job;
                }));
    }

    @Override
    public Future<Boolean> startJob(TrainingJob job) {
        return send(Request.cmd(Command.SET).arg(JOB_CLAIM).arg(job.id()).arg("NX").arg("PX").arg(CLAIM_MILLIS))
                .compose(claimed -> claimed == null ? Future.succeededFuture(false)
                        : send(Request.cmd(Command.SET).arg(JOB).arg(job.toJson().encode())).map(true));
    }

    @Override
    public Future<Void> saveJob(TrainingJob job) {
        var claim = job.state() == TrainingJob.State.RUNNING
                ? Request.cmd(Command.SET).arg(JOB_CLAIM).arg(job.id()).arg("PX").arg(CLAIM_MILLIS)
                : Request.cmd(Command.DEL).arg(JOB_CLAIM);
        return batch(List.of(Request.cmd(Command.SET).arg(JOB).arg(job.toJson().encode()), claim));
    }

    private Future<Response> send(Request request) {
        return redis.send(request).recover(e -> Future.failedFuture(StoreUnavailableException.fromRedis(e)));
    }

    private Future<Void> batch(List<Request> requests) {
        return redis.batch(requests).<Void>mapEmpty()
                .recover(e -> Future.failedFuture(StoreUnavailableException.fromRedis(e)));
    }
}
