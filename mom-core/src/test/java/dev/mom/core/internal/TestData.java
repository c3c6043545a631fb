package dev.mom.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared test data, found through the {@code mom.data.dir} system property. */
final class TestData {

  private TestData() {}

  static Path dir() {
    String dir = System.getProperty("mom.data.dir");
    if (dir == null) {
      throw new IllegalStateException("set the system property mom.data.dir (the root pom does)");
    }
    return Path.of(dir);
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  static List<String> fileNames(String folder) {
    try (Stream<Path> files = Files.list(dir().resolve(folder))) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String folder, String name) {
    try {
      return Files.readAllBytes(dir().resolve(folder).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
