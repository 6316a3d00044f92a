// kgen:header

package kgen.templates.java.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Kubeconfig files read as kubectl reads them (YAML or JSON, safely: plain data only, aliases
 * bounded, merge keys applied) and merged as kubectl merges them: the first file to set
 * current-context, or to name a cluster, user or context, wins; listed files that do not exist are
 * skipped. Relative paths are relative to the file that holds them. Every error is a
 * ConfigException naming the file and entry.
 */
public final class Kubeconfig {
  private static final String MERGE_KEY = "<<";

  private final Map<String, Entry> clusters = new LinkedHashMap<>();
  private final Map<String, Entry> users = new LinkedHashMap<>();
  private final Map<String, Entry> contexts = new LinkedHashMap<>();
  private String current = "";

  private Kubeconfig() {}

  /** An entry of a file: its mapping, and where it is (relative paths start at its file). */
  private record Entry(Map<?, ?> value, Path file, String where) {
    Path path(String relative) {
      Path given = Path.of(relative);
      return given.isAbsolute()
          ? given
          : file.toAbsolutePath().getParent().resolve(given).normalize();
    }

    /**
     * The string at `key`, "" when absent; another value is an error that does not show it (it may
     * be a secret).
     */
    String string(String key) {
      Object found = value.get(key);
      if (found == null || found instanceof String) {
        return found == null ? "" : (String) found;
      }
      throw new ConfigException(where + ": " + key + " must be a string");
    }

    boolean flag(String key) {
      return Boolean.TRUE.equals(value.get(key));
    }

    /** `key`-data (base64) or the content of the file `key` names; null when neither is set. */
    byte[] data(String key) {
      String data = string(key + "-data");
      if (!data.isEmpty()) {
        try {
          return Base64.getMimeDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(where + ": " + key + "-data is not base64");
        }
      }
      String file = string(key);
      if (file.isEmpty()) {
        return null;
      }
      try {
        return Files.readAllBytes(path(file));
      } catch (IOException e) {
        throw new ConfigException(
            where + ": cannot read " + key + " " + path(file) + ": " + reason(e));
      }
    }
  }

  /**
   * The configuration of a context of kubeconfig files.
   *
   * @param paths the files to merge (empty: the files KUBECONFIG lists, else ~/.kube/config)
   * @param context the context (null or "": the files' current-context)
   * @param execAllowlist when not null, the exec plugins that may run: a command matches when the
   *     kubeconfig writes it exactly so, or when it resolves to a listed full path; never by base
   *     name
   */
  public static Config load(List<Path> paths, String context, List<String> execAllowlist) {
    boolean explicit = !paths.isEmpty();
    return load(explicit ? paths : defaultPaths(), explicit, context, execAllowlist);
  }

  private static Config load(
      List<Path> files, boolean explicit, String context, List<String> execAllowlist) {
    Kubeconfig merged = new Kubeconfig();
    for (Path file : files) {
      merged.read(file, explicit);
    }
    String where = String.join(", ", files.stream().map(Path::toString).toList());
    String name = context == null || context.isEmpty() ? merged.current : context;
    if (name.isEmpty()) {
      throw new ConfigException("no context given and no current-context set in " + where);
    }
    Entry ctx = lookup(merged.contexts, "context", name, where);
    Entry cluster = lookup(merged.clusters, "cluster", ctx.string("cluster"), where);
    String server = cluster.string("server");
    if (server.isEmpty()) {
      throw new ConfigException(cluster.where() + " has no server");
    }
    Config config =
        new Config()
            .server(server)
            .namespace(ctx.string("namespace"))
            .insecureSkipTlsVerify(cluster.flag("insecure-skip-tls-verify"))
            .tlsServerName(orNull(cluster.string("tls-server-name")))
            .proxyUrl(orNull(cluster.string("proxy-url")))
            .caData(cluster.data("certificate-authority"));
    String user = ctx.string("user");
    if (!user.isEmpty()) {
      addUser(config, lookup(merged.users, "user", user, where), cluster, execAllowlist);
    }
    return config;
  }

  /**
   * The configuration of a context of the files a KUBECONFIG-style list names (separated by the
   * platform's path separator; files that do not exist are skipped, as kubectl skips them).
   */
  public static Config fromList(String list, String context, List<String> execAllowlist) {
    return load(split(list), false, context, execAllowlist);
  }

  private static List<Path> split(String list) {
    List<Path> paths = new ArrayList<>();
    for (String path : list.split(File.pathSeparator)) {
      if (!path.isEmpty()) {
        paths.add(Path.of(path));
      }
    }
    return paths;
  }

  private static List<Path> defaultPaths() {
    String listed = System.getenv("KUBECONFIG");
    if (listed != null && !listed.isEmpty()) {
      return split(listed);
    }
    return List.of(Path.of(System.getProperty("user.home"), ".kube", "config"));
  }

  private void read(Path file, boolean explicit) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (!explicit) {
        return;
      }
      throw new ConfigException("cannot read kubeconfig " + file + ": it does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read kubeconfig " + file + ": " + reason(e));
    }
    Object document;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(file.toString())
              .setMaxAliasesForCollections(100)
              .setAllowRecursiveKeys(false)
              .setCodePointLimit(64 << 20)
              .build();
      document = merged(new Load(settings).loadFromString(text), new IdentityHashMap<>());
    } catch (YamlEngineException e) {
      throw new ConfigException(
          "kubeconfig "
              + file
              + " is not valid YAML: "
              + e.getMessage().strip().replace('\n', ' '));
    }
    if (document == null) {
      return;
    }
    if (!(document instanceof Map<?, ?> top)) {
      throw new ConfigException("kubeconfig " + file + " is not a mapping");
    }
    if (current.isEmpty() && top.get("current-context") instanceof String name) {
      current = name;
    }
    add(clusters, top, "clusters", "cluster", file);
    add(users, top, "users", "user", file);
    add(contexts, top, "contexts", "context", file);
  }

  /** Keeps the first entry of each name, as kubectl does. */
  private static void add(
      Map<String, Entry> entries, Map<?, ?> top, String list, String kind, Path file) {
    if (!(top.get(list) instanceof List<?> items)) {
      return;
    }
    for (Object item : items) {
      if (item instanceof Map<?, ?> entry
          && entry.get("name") instanceof String name
          && !name.isEmpty()
          && !entries.containsKey(name)) {
        Map<?, ?> value = entry.get(kind) instanceof Map<?, ?> body ? body : Map.of();
        entries.put(name, new Entry(value, file, file + ": " + kind + " " + Strings.quoted(name)));
      }
    }
  }

  private static Entry lookup(Map<String, Entry> entries, String kind, String name, String where) {
    Entry found = entries.get(name);
    if (found == null) {
      throw new ConfigException(kind + " " + Strings.quoted(name) + " not found in " + where);
    }
    return found;
  }

  /**
   * A YAML value with its merge keys (<<) applied: the mapping's own keys win, then the merged ones
   * in order.
   */
  private static Object merged(Object value, IdentityHashMap<Object, Object> done) {
    if (done.containsKey(value)) {
      return done.get(value);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      done.put(value, out);
      Object sources = map.get(MERGE_KEY);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!MERGE_KEY.equals(entry.getKey())) {
          out.put(entry.getKey(), merged(entry.getValue(), done));
        }
      }
      for (Object source :
          sources instanceof List<?> list ? list : sources == null ? List.of() : List.of(sources)) {
        if (merged(source, done) instanceof Map<?, ?> inherited) {
          inherited.forEach(out::putIfAbsent);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      done.put(value, out);
      for (Object item : list) {
        out.add(merged(item, done));
      }
      return out;
    }
    return value;
  }

  /**
   * Sets the user's credentials; what cannot work is an error naming the user now, not at the first
   * request.
   */
  private static void addUser(Config config, Entry user, Entry cluster, List<String> allowlist) {
    config
        .clientCertificateData(user.data("client-certificate"))
        .clientKeyData(user.data("client-key"));
    String token = user.string("token");
    String tokenFile = user.string("tokenFile");
    if (!token.isEmpty()) {
      Credentials.bearer(token, user.where());
      config.token(token);
    } else if (!tokenFile.isEmpty()) {
      Path path = user.path(tokenFile);
      if (!Files.exists(path)) {
        throw new ConfigException(user.where() + ": tokenFile " + path + " does not exist");
      }
      config.tokenFile(path);
    } else if (user.value().get("exec") instanceof Map<?, ?> exec) {
      config.exec(execConfig(new Entry(exec, user.file(), user.where()), cluster, allowlist));
    } else if (!user.string("username").isEmpty() && !user.string("password").isEmpty()) {
      config.username(user.string("username")).password(user.string("password"));
    } else if (user.value().get("auth-provider") instanceof Map<?, ?> provider) {
      throw new ConfigException(
          user.where()
              + ": auth-provider "
              + Strings.quoted(String.valueOf(provider.get("name")))
              + " is not supported: use an exec plugin instead");
    }
  }

  private static ExecConfig execConfig(Entry exec, Entry cluster, List<String> allowlist) {
    String written = exec.string("command");
    if (written.isEmpty()) {
      throw new ConfigException(exec.where() + ": exec plugin without a command");
    }
    // A command with a slash is relative to the kubeconfig file, as kubectl has it; a name is
    // looked up on PATH.
    String command =
        written.contains("/") || written.contains(File.separator)
            ? exec.path(written).toString()
            : written;
    if (allowlist != null && !Commands.allowed(written, command, allowlist)) {
      throw new ConfigException(
          exec.where()
              + ": exec plugin "
              + Strings.quoted(written)
              + " is not in the allowlist (list the command as the kubeconfig writes it, or its"
              + " full path)");
    }
    String apiVersion =
        exec.string("apiVersion").isEmpty() ? Exec.API_VERSIONS.get(0) : exec.string("apiVersion");
    if (!Exec.API_VERSIONS.contains(apiVersion)) {
      throw new ConfigException(
          exec.where()
              + ": exec plugin apiVersion "
              + Strings.quoted(apiVersion)
              + " is not one of "
              + String.join(", ", Exec.API_VERSIONS));
    }
    List<String> args = new ArrayList<>();
    if (exec.value().get("args") instanceof List<?> listed) {
      listed.forEach(arg -> args.add(String.valueOf(arg)));
    }
    Map<String, String> env = new LinkedHashMap<>();
    if (exec.value().get("env") instanceof List<?> entries) {
      int index = 0;
      for (Object entry : entries) {
        Object name = JsonValues.member(entry, "name");
        Object value = JsonValues.member(entry, "value");
        if (!(name instanceof String)) {
          throw new ConfigException(exec.where() + ": exec env entry " + index + " has no name");
        }
        if (value == null) {
          throw new ConfigException(
              exec.where() + ": exec env entry " + Strings.quoted((String) name) + " has no value");
        }
        env.put((String) name, String.valueOf(value));
        index++;
      }
    }
    String mode =
        exec.string("interactiveMode").isEmpty() ? "IfAvailable" : exec.string("interactiveMode");
    if (!List.of("Never", "IfAvailable", "Always").contains(mode)) {
      throw new ConfigException(
          exec.where()
              + ": exec interactiveMode "
              + Strings.quoted(mode)
              + " is not Never, IfAvailable or Always");
    }
    Map<String, Object> clusterInfo = null;
    if (exec.flag("provideClusterInfo")) {
      clusterInfo = new LinkedHashMap<>();
      clusterInfo.put("server", cluster.string("server"));
      if (!cluster.string("certificate-authority-data").isEmpty()) {
        clusterInfo.put("certificate-authority-data", cluster.string("certificate-authority-data"));
      }
    }
    return new ExecConfig(
        command, args, env, apiVersion, mode, exec.string("installHint"), clusterInfo);
  }

  private static String orNull(String text) {
    return text.isEmpty() ? null : text;
  }

  /** An I/O error's reason, without the path the message already names. */
  static String reason(IOException e) {
    return e instanceof NoSuchFileException
        ? "no such file"
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
