package dev.mom.transport.inmemory;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ShutdownOnSignalTest {

  @Test
  void sigtermLetsTheRunningMessageFinishBeforeTheProcessExits() throws Exception {
    Process child = startChild();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = collect(child, output);
    await().atMost(30, SECONDS).until(() -> output.contains("handler started"));

    // SIGTERM through the handle: Process.destroy() would also close the child's output pipe.
    child.toHandle().destroy();

    assertThat(child.waitFor(30, SECONDS)).isTrue();
    reader.join(5_000);
    assertThat(output).containsSubsequence("handler started", "handler finished");
    assertThat(String.join("\n", output)).contains("Mom stopped");
  }

  private static Process startChild() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), SigtermChild.class.getName())
        .redirectErrorStream(true)
        .start();
  }

  private static Thread collect(Process child, List<String> output) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
              } catch (IOException closed) {
                // The child is gone; what it wrote is in the list.
              }
            });
    reader.start();
    return reader;
  }
}
