import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes JSON documents into generated models and encodes them back, as a client's read then write
 * does.
 *
 * <pre>java RoundTrip CLIENT_PACKAGE CLASS FILE [CLASS FILE]...</pre>
 *
 * <p>Each FILE is decoded with CLASS's CODEC through CLIENT_PACKAGE.Json and encoded again; the
 * encodings are written to stdout, one per line. The generated classes are named at run time so
 * this one program serves every generated client (its package is an argument): the reflection is
 * the test's, not the client's.
 */
public final class RoundTrip {
  private RoundTrip() {}

  public static void main(String[] args) throws Exception {
    Class<?> json = Class.forName(args[0] + ".Json");
    Class<?> codecType = Class.forName(args[0] + ".JsonCodec");
    Method decode = json.getMethod("decode", byte[].class, codecType);
    Method encode = json.getMethod("encode", Object.class, codecType);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i + 1 < args.length; i += 2) {
      Object codec = Class.forName(args[i]).getField("CODEC").get(null);
      Object value = decode.invoke(null, Files.readAllBytes(Path.of(args[i + 1])), codec);
      out.write((byte[]) encode.invoke(null, value, codec));
      out.write('\n');
    }
    System.out.write(out.toByteArray());
    System.out.flush();
  }
}
