package kgen.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Java decode measurements; prints one JSON object on stdout (decode_java.py reads it).
 *
 * <pre>
 * DecodeBench first NAME PODLIST.json             one fresh JVM: adapter load + the first decode
 * DecodeBench steady PODLIST.json REPEATS NAME... one JVM: warmed, interleaved decodes; heap held
 * </pre>
 *
 * <p>First call: from before the decoder's classes are touched to the end of its first decode, the
 * class loading, static initialisation (client-java's type adapters, fabric8's mapper) and cold
 * code a short-lived program pays. Steady state: every decoder warmed, then timed in a rotating
 * order within each repeat, a full GC before each call so each starts from the same heap. Heap
 * held: used heap after a full GC with the result reachable, minus the same before the decode.
 */
public final class DecodeBench {
  private static final Map<String, String> ADAPTERS =
      Map.of(
          "client-java", "kgen.bench.ClientJavaDecoder",
          "fabric8", "kgen.bench.Fabric8Decoder",
          "kgen", "kgen.bench.KgenDecoder");
  private static final int WARMUP_CALLS = 5;

  private DecodeBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("first")) {
      first(args[1], Files.readAllBytes(Path.of(args[2])));
    } else if (args.length >= 4 && args[0].equals("steady")) {
      List<String> names = List.of(args).subList(3, args.length);
      steady(Files.readAllBytes(Path.of(args[1])), Integer.parseInt(args[2]), names);
    } else {
      System.err.println("usage: DecodeBench first NAME PODLIST | steady PODLIST REPEATS NAME...");
      System.exit(2);
    }
  }

  private static Decoder load(String name) throws ReflectiveOperationException {
    String adapter = ADAPTERS.get(name);
    if (adapter == null) {
      throw new IllegalArgumentException(
          "unknown decoder " + name + "; known: " + ADAPTERS.keySet());
    }
    return (Decoder) Class.forName(adapter).getDeclaredConstructor().newInstance();
  }

  private static void first(String name, byte[] body) throws Exception {
    long start = System.nanoTime();
    Decoder decoder = load(name);
    Object result = decoder.decode(body);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(
        "{\"first_s\": " + seconds + ", \"shape\": " + quote(decoder.shape(result)) + "}");
  }

  private static void steady(byte[] body, int repeats, List<String> names) throws Exception {
    Map<String, Decoder> decoders = new LinkedHashMap<>();
    for (String name : names) {
      decoders.put(name, load(name));
    }
    Map<String, String> shapes = new LinkedHashMap<>();
    for (int i = 0; i < WARMUP_CALLS; i++) {
      for (var entry : decoders.entrySet()) {
        shapes.put(entry.getKey(), entry.getValue().shape(entry.getValue().decode(body)));
      }
    }
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int round = 0; round < repeats; round++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + round) % names.size());
        fullGc();
        long start = System.nanoTime();
        Object result = decoders.get(name).decode(body);
        times.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
        Reference.reachabilityFence(result);
      }
    }
    Map<String, Long> held = new LinkedHashMap<>();
    for (var entry : decoders.entrySet()) {
      fullGc();
      long before = usedHeap();
      Object result = entry.getValue().decode(body);
      fullGc();
      held.put(entry.getKey(), usedHeap() - before);
      Reference.reachabilityFence(result);
    }
    System.out.println(
        "{\"times\": "
            + object(times, DecodeBench::array)
            + ", \"held_bytes\": "
            + object(held, String::valueOf)
            + ", \"shapes\": "
            + object(shapes, DecodeBench::quote)
            + ", \"java\": "
            + quote(System.getProperty("java.vm.name") + " " + Runtime.version())
            + ", \"gc\": "
            + quote(collectors())
            + ", \"max_heap_bytes\": "
            + Runtime.getRuntime().maxMemory()
            + "}");
  }

  private static void fullGc() {
    System.gc();
    System.gc();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String collectors() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(bean -> bean.getName())
        .collect(Collectors.joining(", "));
  }

  private static <V> String object(
      Map<String, V> map, java.util.function.Function<V, String> value) {
    return map.entrySet().stream()
        .map(e -> quote(e.getKey()) + ": " + value.apply(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String array(List<Double> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * A JSON string of printable ASCII text (names, images and versions here); anything else is
   * escaped.
   */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
