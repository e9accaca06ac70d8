package org.currents.source.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body read into memory, refused as soon as it grows past a limit. */
final class LimitedBody implements BodySubscriber<byte[]> {
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long declared = -1;

    private LimitedBody(long limit) {
        this.limit = limit;
    }

    /** A handler that reads bodies of at most {@code limit} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> {
            LimitedBody body = new LimitedBody(limit);
            body.declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return body;
        };
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared > limit) {
            // Refused before reading: the server announced more than the limit.
            subscription.cancel();
            result.completeExceptionally(new TooLargeException(limit));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (bytes.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    /** A body larger than {@link ApiOptions#maxResponseBytes()}. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("the response is larger than " + limit + " bytes (maxResponseBytes)");
        }
    }
}
