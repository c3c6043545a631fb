package dev.mom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts another JVM on this JVM's class path, running {@link BenchMain} with the arguments given.
 * Its standard error is passed through; its standard output is read line by line by the caller.
 */
final class ChildJvm {

  private ChildJvm() {}

  /**
   * Starts a child JVM.
   *
   * @param jvmOptions options such as {@code -Xmx128m}
   * @param args the arguments of {@link BenchMain}
   * @return the running process; the caller ends it
   * @throws UncheckedIOException if the JVM cannot be started
   */
  static Process start(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchMain.class.getName());
    command.addAll(args);
    try {
      return new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM", e);
    }
  }

  /** Returns a reader of the child's standard output. */
  static BufferedReader output(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
}
