package dev.mom.transport.pubsub;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Mends a known fault of the Pub/Sub emulator jar (0.8.20): its gRPC server calls {@code
 * io.grpc.InternalStatus.asRuntimeException(Status, Metadata, boolean)}, which the gRPC API bundled
 * in the same jar no longer has. Every cancelled streaming pull then fails inside the emulator,
 * which goes on delivering the subscription's messages to the dead stream: a consumer group that
 * stops and starts again receives nothing more. Clients cancel their stream whenever they stop, so
 * the tests of redelivery need the fix.
 *
 * <p>The fix is a replacement of that one class, compiled against the jar and put before it on the
 * class path; a jar that does not need it is run as it is.
 */
final class EmulatorPatch {
  private static final String PATCH_SOURCE = "/pubsub-emulator-patch/InternalStatus.java.txt";
  private static final Path PATCH_DIR = Path.of("target", "pubsub-emulator-patch").toAbsolutePath();

  private EmulatorPatch() {}

  /** Returns the class path to run the emulator jar with, the fix first where it is needed. */
  static String classPath(Path jar) throws IOException {
    if (!needsPatch(jar)) {
      return jar.toString();
    }
    Path classes = compile(jar);
    return classes + File.pathSeparator + jar;
  }

  private static boolean needsPatch(Path jar) throws IOException {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, platform)) {
      Class<?> status = loader.loadClass("io.grpc.Status");
      Class<?> metadata = loader.loadClass("io.grpc.Metadata");
      loader
          .loadClass("io.grpc.InternalStatus")
          .getMethod("asRuntimeException", status, metadata, boolean.class);
      return false;
    } catch (NoSuchMethodException missing) {
      return true;
    } catch (ClassNotFoundException otherLayout) {
      return false;
    }
  }

  private static Path compile(Path jar) throws IOException {
    Path source = PATCH_DIR.resolve("src/io/grpc/InternalStatus.java");
    Path classes = PATCH_DIR.resolve("classes");
    Files.createDirectories(source.getParent());
    Files.createDirectories(classes);
    try (InputStream in = EmulatorPatch.class.getResourceAsStream(PATCH_SOURCE)) {
      Files.write(source, in.readAllBytes());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-nowarn",
            "-cp",
            jar.toString(),
            "-d",
            classes.toString(),
            source.toString());
    if (status != 0) {
      throw new UncheckedIOException(
          new IOException("cannot compile the Pub/Sub emulator fix against " + jar));
    }
    return classes;
  }
}
