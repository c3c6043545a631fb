package dev.mom.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mom.api.Consumer;
import dev.mom.api.InvalidMessageException;
import dev.mom.api.UnrecoverableException;
import dev.mom.spi.InboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.Subscription;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes the records of one subscription and settles each: hands it to the consumer, retries it,
 * dead-letters it, and only then acknowledges it.
 *
 * <p><b>Threads.</b> {@link #onRecord} runs on the transport's thread and never blocks. Records of
 * one key go through one {@link SerialLanes lane}, so a key's records reach the consumer one at a
 * time and in order, also while one waits for a retry; other keys run on the worker pool. Retries
 * wait on the shared scheduler, not on a worker.
 *
 * <p><b>Flow control.</b> Every record counts as in flight from its arrival until it is
 * acknowledged or released. At the limit the subscription is paused; it resumes at half the limit,
 * so that the transport is not flipped on and off for every record.
 */
public final class Dispatcher implements RecordListener {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration MAX_DEAD_LETTER_BACKOFF = Duration.ofSeconds(30);

  private final Consumer consumer;
  private final String group;
  private final String topic;
  private final String transportName;
  private final EnvelopeCodec codec;
  private final ObjectMapper mapper;
  private final Retry retry;
  private final DeadLetters deadLetters;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final SerialLanes<Work> lanes;
  private final int maxInFlight;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<Work, Waiting> waiting = new ConcurrentHashMap<>();
  private final Object flow = new Object();
  private volatile boolean paused;
  private Subscription subscription;
  private volatile boolean stopping;

  /** The parts a dispatcher is made of; built by Mom per registration. */
  public record Parts(
      Consumer consumer,
      String group,
      String topic,
      String transportName,
      EnvelopeCodec codec,
      Retry retry,
      DeadLetters deadLetters,
      ExecutorService workers,
      ScheduledExecutorService scheduler,
      int maxInFlight) {}

  /** Creates a dispatcher; it receives records once {@link #attach} gave it its subscription. */
  public Dispatcher(Parts parts) {
    this.consumer = parts.consumer();
    this.group = parts.group();
    this.topic = parts.topic();
    this.transportName = parts.transportName();
    this.codec = parts.codec();
    this.mapper = codec.mapper();
    this.retry = parts.retry();
    this.deadLetters = parts.deadLetters();
    this.workers = parts.workers();
    this.scheduler = parts.scheduler();
    this.maxInFlight = parts.maxInFlight();
    this.lanes = new SerialLanes<>(workers, this::handle);
  }

  /** Gives the dispatcher the subscription it controls. Call once, right after subscribing. */
  public void attach(Subscription subscription) {
    synchronized (flow) {
      this.subscription = subscription;
      if (paused) {
        subscription.pause();
      }
    }
  }

  /** Returns the number of records received and not yet acknowledged or released. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void onRecord(InboundRecord record) {
    if (stopping) {
      record.release();
      return;
    }
    Work work = new Work(record);
    String key = record.key();
    if (key == null) {
      // Without a broker key the lane is the envelope's id, so the record is decoded here.
      decode(work);
      key = work.id();
    }

    if (inFlight.incrementAndGet() >= maxInFlight) {
      pause();
    }
    lanes.submit(key, work);
  }

  /**
   * Stops taking records, waits until the records in flight are settled or the deadline passes,
   * then closes the subscription. Records not settled by then are left unacknowledged.
   */
  public void close(Instant deadline) throws InterruptedException {
    stopping = true;
    pause();
    releaseWaiting();
    awaitSettled(deadline);

    int left = inFlight.get();
    if (left > 0) {
      log.warn(
          "Shutdown timeout passed: topic={} group={}: {} messages in flight will be delivered"
              + " again",
          LogText.escape(topic),
          LogText.escape(group),
          left);
    }
    synchronized (flow) {
      if (subscription != null) {
        subscription.close();
      }
    }
  }

  private boolean handle(String key, Work work) {
    try {
      return settle(key, work);
    } catch (RuntimeException | Error bug) {
      // A failure of Mom's own, not of the handler: never lose the record or stall its lane.
      log.error(
          "Giving back message after an internal error: topic={} group={} id={}",
          LogText.escape(topic),
          LogText.escape(group),
          LogText.escape(work.id()),
          bug);
      release(work);
      return true;
    }
  }

  private boolean settle(String key, Work work) {
    if (stopping || work.record.isRevoked()) {
      release(work);
      return true;
    }
    if (work.envelope == null && work.invalid == null) {
      decode(work);
    }
    if (work.invalid != null) {
      work.attempts = 1;
      return fail(key, work, work.invalid);
    }
    return attempt(key, work);
  }

  private boolean attempt(String key, Work work) {
    work.attempts++;
    Throwable failure = invoke(work);
    if (failure == null) {
      if (work.retry != null) {
        work.retry.onComplete();
      }
      ack(work);
      return true;
    }
    if (failure instanceof UnrecoverableException) {
      return fail(key, work, failure);
    }

    if (work.retry == null) {
      work.retry = retry.asyncContext();
    }
    long delay = work.retry.onError(failure);
    if (delay < 0) {
      return fail(key, work, failure);
    }
    scheduleRetry(key, work, failure, delay);
    return false;
  }

  private Throwable invoke(Work work) {
    DeliveredMessage message =
        new DeliveredMessage(work.envelope, work.record, transportName, work.attempts, mapper);
    MDC.put("mom.topic", topic);
    MDC.put("mom.group", group);
    MDC.put("mom.id", work.id());
    try {
      consumer.onMessage(message);
      return null;
    } catch (Throwable failure) {
      // Errors too (a StackOverflowError in a handler): letting one escape would leave the
      // record unsettled and its lane stalled for good. They are retried, then dead-lettered.
      return failure;
    } finally {
      MDC.remove("mom.topic");
      MDC.remove("mom.group");
      MDC.remove("mom.id");
    }
  }

  private void scheduleRetry(String key, Work work, Throwable failure, long delayMillis) {
    if (log.isDebugEnabled()) {
      log.debug(
          "Retrying in {} ms: topic={} group={} id={} attempt={} error={}: {}",
          delayMillis,
          LogText.escape(topic),
          LogText.escape(group),
          LogText.escape(work.id()),
          work.attempts,
          failure.getClass().getName(),
          LogText.escape(failure.getMessage()));
    }
    later(key, work, delayMillis, () -> retryNow(key, work));
  }

  private void retryNow(String key, Work work) {
    if (stopping || work.record.isRevoked()) {
      release(work);
      lanes.finish(key);
      return;
    }
    if (attempt(key, work)) {
      lanes.finish(key);
    }
  }

  /** Settles a failed record: dead letter or ERROR line, then acknowledgement. */
  private boolean fail(String key, Work work, Throwable failure) {
    if (!deadLetters.hasTopic()) {
      deadLetters.log(work.record, work.id(), failure, work.attempts);
      ack(work);
      return true;
    }
    log.warn(
        "Dead-lettering message: topic={} group={} id={} position={} attempts={} error={}: {}",
        LogText.escape(topic),
        LogText.escape(group),
        LogText.escape(work.id()),
        LogText.escape(work.record.position()),
        work.attempts,
        failure.getClass().getName(),
        LogText.escape(failure.getMessage()));
    sendDeadLetter(key, work, failure, 0);
    return false;
  }

  private void sendDeadLetter(String key, Work work, Throwable failure, int failedSends) {
    deadLetters
        .send(work.record, failure, work.attempts)
        .whenComplete(
            (ignored, error) -> {
              if (error == null) {
                ack(work);
                lanes.finish(key);
              } else if (stopping) {
                release(work);
                lanes.finish(key);
              } else {
                retryDeadLetter(key, work, failure, failedSends + 1, error);
              }
            });
  }

  /** The dead-letter topic did not take the record: keep it unacknowledged and try again. */
  private void retryDeadLetter(
      String key, Work work, Throwable failure, int failedSends, Throwable error) {
    long delay = Math.min(100L << Math.min(failedSends, 10), MAX_DEAD_LETTER_BACKOFF.toMillis());
    log.warn(
        "Could not write dead letter, trying again in {} ms: topic={} group={} id={}: {}",
        delay,
        LogText.escape(topic),
        LogText.escape(group),
        LogText.escape(work.id()),
        LogText.escape(String.valueOf(error.getMessage())));
    later(key, work, delay, () -> sendDeadLetter(key, work, failure, failedSends));
  }

  /** Runs a step of a record later on a worker, unless shutdown releases the record first. */
  private void later(String key, Work work, long delayMillis, Runnable step) {
    if (stopping) {
      release(work);
      lanes.finish(key);
      return;
    }
    Waiting entry = new Waiting(key);
    waiting.put(work, entry);
    try {
      entry.future =
          scheduler.schedule(
              () -> {
                if (waiting.remove(work) != null) {
                  runOnWorker(key, work, step);
                }
              },
              delayMillis,
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      // Shutdown passed its timeout and stopped the scheduler: give the record back.
      if (waiting.remove(work, entry)) {
        release(work);
        lanes.finish(key);
      }
      return;
    }
    if (stopping) {
      releaseWaiting();
    }
  }

  private void runOnWorker(String key, Work work, Runnable step) {
    try {
      workers.execute(step);
    } catch (RejectedExecutionException shutDown) {
      release(work);
      lanes.finish(key);
    }
  }

  /** At shutdown, gives back the records waiting for a retry instead of waiting for them. */
  private void releaseWaiting() {
    waiting.forEach(
        (work, entry) -> {
          if (waiting.remove(work, entry)) {
            if (entry.future != null) {
              entry.future.cancel(false);
            }
            release(work);
            lanes.finish(entry.key);
          }
        });
  }

  private void decode(Work work) {
    try {
      work.envelope = codec.decode(work.record.value());
    } catch (InvalidMessageException invalid) {
      work.invalid = invalid;
    } catch (RuntimeException unexpected) {
      work.invalid = new InvalidMessageException("invalid envelope: " + unexpected, unexpected);
    }
  }

  private void ack(Work work) {
    work.record.ack();
    settled();
  }

  private void release(Work work) {
    work.record.release();
    settled();
  }

  private void settled() {
    int left = inFlight.decrementAndGet();
    // Read the flag before taking the lock: on the usual path nothing is paused.
    if (paused && left <= maxInFlight / 2) {
      resume();
    }
    if (left == 0 && stopping) {
      synchronized (inFlight) {
        inFlight.notifyAll();
      }
    }
  }

  private void pause() {
    synchronized (flow) {
      if (!paused) {
        paused = true;
        if (subscription != null) {
          subscription.pause();
        }
      }
    }
  }

  private void resume() {
    synchronized (flow) {
      if (paused && !stopping) {
        paused = false;
        if (subscription != null) {
          subscription.resume();
        }
      }
    }
  }

  private void awaitSettled(Instant deadline) throws InterruptedException {
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          return;
        }
        inFlight.wait(left);
      }
    }
  }

  /** One record on its way through the dispatcher. Touched by one thread at a time. */
  private static final class Work {
    final InboundRecord record;
    Envelope envelope;
    InvalidMessageException invalid;
    Retry.AsyncContext<Void> retry;
    int attempts;

    Work(InboundRecord record) {
      this.record = record;
    }

    String id() {
      if (envelope != null) {
        return envelope.id();
      }
      return record.key() != null ? record.key() : "";
    }
  }

  /** A record waiting on the scheduler, and its lane. */
  private static final class Waiting {
    final String key;
    volatile ScheduledFuture<?> future;

    Waiting(String key) {
      this.key = key;
    }
  }
}
