package dev.mom.transport.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns the client library's futures and errors into Mom's terms. */
final class Failures {
  private Failures() {}

  /** Returns a future that completes as the library's future does, on the completing thread. */
  static <T> CompletableFuture<T> toCompletable(ApiFuture<T> future) {
    CompletableFuture<T> result = new CompletableFuture<>();
    ApiFutures.addCallback(
        future,
        new ApiFutureCallback<T>() {
          @Override
          public void onSuccess(T value) {
            result.complete(value);
          }

          @Override
          public void onFailure(Throwable failure) {
            result.completeExceptionally(failure);
          }
        },
        MoreExecutors.directExecutor());
    return result;
  }

  /** Returns the gRPC status code of a failure from the library, if it carries one. */
  static Optional<StatusCode.Code> code(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ApiException api) {
      return Optional.of(api.getStatusCode().getCode());
    }
    return Optional.empty();
  }

  /** Returns whether the failure says the resource already exists. */
  static boolean isAlreadyExists(Throwable failure) {
    return code(failure).filter(StatusCode.Code.ALREADY_EXISTS::equals).isPresent();
  }

  /** Returns whether the failure says the resource does not exist. */
  static boolean isNotFound(Throwable failure) {
    return code(failure).filter(StatusCode.Code.NOT_FOUND::equals).isPresent();
  }

  /**
   * Says in a few words why a call failed: the meaning of its status code for Mom's user, then the
   * service's own text.
   */
  static String describe(Throwable failure) {
    Throwable cause = unwrap(failure);
    String text = String.valueOf(cause.getMessage());
    Optional<StatusCode.Code> code = code(cause);
    if (code.isEmpty()) {
      return cause.getClass().getSimpleName() + ": " + text;
    }
    return switch (code.get()) {
      case NOT_FOUND -> "not found (" + text + ")";
      case PERMISSION_DENIED, UNAUTHENTICATED -> "not authorised (" + text + ")";
      case INVALID_ARGUMENT -> "rejected by Pub/Sub (" + text + ")";
      case DEADLINE_EXCEEDED, UNAVAILABLE -> "Pub/Sub did not answer in time (" + text + ")";
      default -> code.get() + " (" + text + ")";
    };
  }

  /** Strips the wrappers futures put around the real failure. */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
