import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Reads a generated Java client back as javac reads it, and loads every class it compiled to.
 *
 * <pre>java Probe SOURCE_ROOT CLASSES_DIR</pre>
 *
 * <p>Prints one JSON object: {"loaded": classes initialised, "files": {path: {"package", "types":
 * [{"name", "kind", "doc", "strings", "members": [{"name", "kind", "doc"}]}]}}}. Names are javac's
 * (after \\u translation), string literals are their values (escapes decoded), docs are the doc
 * comments as javac keeps them. Every class is initialised (static initialisers run): a spec text
 * that became code would run here, where the tests' canary sees it.
 */
public final class Probe {
  private Probe() {}

  public static void main(String[] args) throws Exception {
    Path sources = Path.of(args[0]);
    Path classes = Path.of(args[1]);
    StringBuilder out = new StringBuilder("{\"files\": {");
    out.append(read(sources));
    out.append("}, \"loaded\": ").append(load(classes)).append("}");
    System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
    System.out.flush();
  }

  private static String read(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager manager =
        compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(files);
      JavacTask task =
          (JavacTask) compiler.getTask(null, manager, null, List.of("-proc:none"), null, units);
      Trees trees = Trees.instance(task);
      List<String> entries = new ArrayList<>();
      for (CompilationUnitTree unit : task.parse()) {
        String path = root.relativize(Path.of(unit.getSourceFile().toUri())).toString();
        Collector collector = new Collector(trees);
        collector.scan(unit, null);
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        entries.add(
            quote(path)
                + ": {\"package\": "
                + quote(pkg)
                + ", \"types\": ["
                + String.join(", ", collector.types)
                + "]}");
      }
      return String.join(", ", entries);
    }
  }

  /** Each class-like declaration as JSON: its doc, its string literals, its members' docs. */
  private static final class Collector extends TreePathScanner<Void, Void> {
    private final Trees trees;
    private final List<String> types = new ArrayList<>();
    private final Deque<Type> open = new ArrayDeque<>();

    Collector(Trees trees) {
      this.trees = trees;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      String outer = open.isEmpty() ? "" : open.peek().name + ".";
      Type type =
          new Type(outer + node.getSimpleName(), node.getKind().toString().toLowerCase(), doc());
      open.push(type);
      super.visitClass(node, null);
      open.pop();
      types.add(type.json());
      return null;
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
      member(node.getName().toString(), "method");
      return super.visitMethod(node, null);
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      Tree.Kind parent = getCurrentPath().getParentPath().getLeaf().getKind();
      if (parent != Tree.Kind.METHOD && parent != Tree.Kind.BLOCK) {
        member(node.getName().toString(), "field");
      }
      return super.visitVariable(node, null);
    }

    @Override
    public Void visitLiteral(LiteralTree node, Void unused) {
      if (node.getKind() == Tree.Kind.STRING_LITERAL && !open.isEmpty()) {
        open.peek().strings.add(quote((String) node.getValue()));
      }
      return null;
    }

    private void member(String name, String kind) {
      if (!open.isEmpty()) {
        open.peek()
            .members
            .add(
                "{\"name\": "
                    + quote(name)
                    + ", \"kind\": "
                    + quote(kind)
                    + ", \"doc\": "
                    + doc()
                    + "}");
      }
    }

    private String doc() {
      TreePath path = getCurrentPath();
      String text = trees.getDocComment(path);
      return text == null ? "null" : quote(text);
    }
  }

  private static final class Type {
    final String name;
    final String kind;
    final String doc;
    final List<String> strings = new ArrayList<>();
    final List<String> members = new ArrayList<>();

    Type(String name, String kind, String doc) {
      this.name = name;
      this.kind = kind;
      this.doc = doc;
    }

    String json() {
      return "{\"name\": "
          + quote(name)
          + ", \"kind\": "
          + quote(kind)
          + ", \"doc\": "
          + doc
          + ", \"strings\": ["
          + String.join(", ", strings)
          + "], \"members\": ["
          + String.join(", ", members)
          + "]}";
    }
  }

  private static int load(Path classes) throws Exception {
    List<String> names;
    try (Stream<Path> walk = Files.walk(classes)) {
      names =
          walk.filter(p -> p.toString().endsWith(".class"))
              .map(p -> classes.relativize(p).toString())
              .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
              .filter(n -> !n.endsWith("package-info") && !n.endsWith("module-info"))
              .sorted()
              .collect(Collectors.toList());
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, Probe.class.getClassLoader())) {
      for (String name : names) {
        Class.forName(name, true, loader);
      }
    }
    return names.size();
  }

  /**
   * A JSON string: ASCII, everything else and every control as a \\u escape (lone surrogates
   * included).
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
