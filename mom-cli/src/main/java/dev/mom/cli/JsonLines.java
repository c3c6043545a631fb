package dev.mom.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file of JSON lines as raw bytes, line by line, so that a line that is not UTF-8 reaches
 * the envelope check as it is. Lines that hold only white space are skipped; a carriage return
 * before the newline is dropped. Not thread-safe.
 */
final class JsonLines implements Closeable {

  /** One line: its number in the file, counting from 1, and its bytes without the line end. */
  record Line(long number, byte[] bytes) {}

  private final InputStream in;
  private final long size;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private long number;
  private long bytesRead;
  private boolean ended;

  private JsonLines(InputStream in, long size) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.size = size;
  }

  /**
   * Opens a file; {@code -} reads standard input.
   *
   * @throws IOException if the file cannot be opened
   */
  static JsonLines open(Path file) throws IOException {
    if (file.toString().equals("-")) {
      return new JsonLines(System.in, -1);
    }
    return new JsonLines(Files.newInputStream(file), Files.size(file));
  }

  /** Reads lines held in memory, for the demo's generated sample. */
  static List<Line> numbered(List<byte[]> lines) {
    List<Line> numbered = new ArrayList<>(lines.size());
    for (byte[] line : lines) {
      numbered.add(new Line(numbered.size() + 1, line));
    }
    return numbered;
  }

  /** Reads every line of a file into memory. */
  static List<Line> readAll(Path file) throws IOException {
    List<Line> lines = new ArrayList<>();
    try (JsonLines reader = open(file)) {
      for (Line line = reader.next(); line != null; line = reader.next()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * Returns the next line that is not blank, or {@code null} at the end of the file.
   *
   * @throws IOException if reading fails
   */
  Line next() throws IOException {
    while (!ended) {
      byte[] line = readLine();
      number++;
      if (line != null && !isBlank(line)) {
        return new Line(number, line);
      }
    }
    return null;
  }

  /** Returns the bytes read so far. */
  long bytesRead() {
    return bytesRead;
  }

  /** Returns the size of the file, or -1 if unknown (standard input). */
  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private byte[] readLine() throws IOException {
    buffer.reset();
    int b;
    while ((b = in.read()) != -1) {
      bytesRead++;
      if (b == '\n') {
        return withoutCarriageReturn(buffer.toByteArray());
      }
      buffer.write(b);
    }
    ended = true;
    return buffer.size() == 0 ? null : withoutCarriageReturn(buffer.toByteArray());
  }

  private static byte[] withoutCarriageReturn(byte[] line) {
    if (line.length > 0 && line[line.length - 1] == '\r') {
      byte[] shorter = new byte[line.length - 1];
      System.arraycopy(line, 0, shorter, 0, shorter.length);
      return shorter;
    }
    return line;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
