package probe;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import kgen.templates.java.runtime.ApiClient;
import kgen.templates.java.runtime.ApiException;
import kgen.templates.java.runtime.Call;
import kgen.templates.java.runtime.Config;
import kgen.templates.java.runtime.ConflictException;
import kgen.templates.java.runtime.InvalidPathArgumentException;
import kgen.templates.java.runtime.KubeException;
import kgen.templates.java.runtime.Kubeconfig;
import kgen.templates.java.runtime.ObjectOrStatus;
import kgen.templates.java.runtime.Pages;
import kgen.templates.java.runtime.PatchType;
import kgen.templates.java.runtime.ResponseTooLargeException;
import kgen.templates.java.runtime.Retry;
import kgen.templates.java.runtime.TestJson;
import kgen.templates.java.runtime.Watch;
import kgen.templates.java.runtime.WatchEvent;

/**
 * Drives the Java runtime against a loopback server (args[1]) and prints what it saw, one JSON
 * object per line; args[0] names the scenario. Settings come from the environment (PROBE_*), so one
 * compiled program serves every test.
 */
public final class Probe {
  private static final String CM = "/api/v1/namespaces/{namespace}/configmaps";
  private static final List<String> WARNINGS = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "get": // GET each named ConfigMap; a name "async:x" is read through sendAsync
        try (ApiClient client = client(args[1])) {
          for (int i = 2; i < args.length; i++) {
            get(client, args[i]);
          }
        }
        break;
      case "apply": // server-side apply of ConfigMap args[2]
        try (ApiClient client = client(args[1])) {
          ConfigMap cm = new ConfigMap();
          cm.name = args[2];
          Call call =
              Call.of("PATCH", CM + "/{name}")
                  .path("namespace", "default")
                  .path("name", args[2])
                  .query("force", true)
                  .body(cm, ConfigMap.CODEC, PatchType.APPLY.contentType());
          emit("applied", attempt(() -> client.send(call, ConfigMap.CODEC).name));
        }
        break;
      case "create":
        try (ApiClient client = client(args[1])) {
          ConfigMap cm = new ConfigMap();
          cm.name = args[2];
          cm.data.put("key", "välue \"quoted\"");
          Call call =
              Call.of("POST", CM)
                  .path("namespace", "default")
                  .body(cm, ConfigMap.CODEC)
                  .query("dryRun", List.of("All"));
          emit("created", attempt(() -> client.send(call, ConfigMap.CODEC).name));
        }
        break;
      case "delete":
        try (ApiClient client = client(args[1])) {
          for (int i = 2; i < args.length; i++) {
            Call call =
                Call.of("DELETE", CM + "/{name}")
                    .path("namespace", "default")
                    .path("name", args[i]);
            emit(
                "deleted",
                attempt(
                    () -> {
                      ObjectOrStatus<ConfigMap> result =
                          client.sendObjectOrStatus(call, ConfigMap.CODEC);
                      if (result instanceof ObjectOrStatus.Status<ConfigMap> status) {
                        return Map.of(
                            "status", status.status().status(), "code", status.status().code());
                      }
                      return Map.of(
                          "object", ((ObjectOrStatus.Obj<ConfigMap>) result).value().name);
                    }));
          }
        }
        break;
      case "paths":
        paths(args);
        break;
      case "watch":
        watch(args[1], args[2], args.length > 3 ? args[3] : null, args.length > 4 ? args[4] : null);
        break;
      case "pages":
        try (ApiClient client = client(args[1])) {
          List<String> names = new ArrayList<>();
          for (String name :
              Pages.<ConfigMapList, String>items(
                  token ->
                      client.send(
                          Call.of("GET", CM)
                              .path("namespace", "default")
                              .query("limit", 2)
                              .query("continue", token),
                          ConfigMapList.CODEC),
                  list -> list.names,
                  list -> list.next)) {
            names.add(name);
          }
          emit("pages", names);
        }
        break;
      case "kubeconfig":
        kubeconfig(args[1]);
        break;
      case "read": // reads ConfigMap "a" twice through the kubeconfig args[1]
        read(
            ApiClient.fromConfig(
                Kubeconfig.load(List.of(Path.of(args[1])), null, null).retry(retry())));
        break;
      case "in-cluster": // the same, as a pod whose service account files are in args[1]
        read(ApiClient.fromConfig(Config.inCluster(Path.of(args[1])).retry(retry())));
        break;
      case "default": // the same, with ApiClient.fromDefault()
        emit("default", attempt(() -> read(ApiClient.fromDefault())));
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  /** Reads ConfigMap "a" of the configuration's namespace twice. */
  private static String read(ApiClient client) {
    try (client) {
      for (int i = 0; i < 2; i++) {
        Call call =
            Call.of("GET", CM + "/{name}")
                .path("namespace", client.config().namespace())
                .path("name", "a");
        emit("read", attempt(() -> client.send(call, ConfigMap.CODEC).name));
      }
    }
    return "done";
  }

  private static Retry retry() {
    return new Retry(
        Integer.parseInt(env("PROBE_RETRIES", "2")), Duration.ofMillis(50), Duration.ofMillis(10));
  }

  private static ApiClient client(String server) {
    Config config =
        new Config()
            .server(server)
            .token("s3cret")
            .retry(retry())
            .onWarning(WARNINGS::add)
            .fieldManager(System.getenv("PROBE_FIELD_MANAGER"))
            .timeout(Duration.ofMillis(Long.parseLong(env("PROBE_TIMEOUT_MS", "60000"))))
            .watchIdle(Duration.ofMillis(Long.parseLong(env("PROBE_WATCH_IDLE_MS", "300000"))))
            .maxResponseBytes(Long.parseLong(env("PROBE_MAX_RESPONSE", "0")))
            .maxDecompressedBytes(Long.parseLong(env("PROBE_MAX_DECOMPRESSED", "0")))
            .maxWatchLineBytes(Long.parseLong(env("PROBE_MAX_LINE", "0")));
    return ApiClient.fromConfig(config);
  }

  private static void get(ApiClient client, String name) {
    boolean async = name.startsWith("async:");
    String plain = async ? name.substring(6) : name;
    Call call = Call.of("GET", CM + "/{name}").path("namespace", "default").path("name", plain);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    Map<String, Object> result =
        attempt(
            () -> {
              ConfigMap cm;
              if (async) {
                try {
                  cm = client.sendAsync(call, ConfigMap.CODEC).get();
                } catch (ExecutionException e) {
                  throw (RuntimeException)
                      e.getCause(); // the future fails with the exception send throws
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              } else {
                cm = client.send(call, ConfigMap.CODEC);
              }
              return Map.of("name", cm.name, "data", cm.data, "warnings", List.copyOf(WARNINGS));
            });
    result.put("allocated", threads.getCurrentThreadAllocatedBytes() - before);
    emit(name, result);
  }

  /** Path arguments that address more than one object are refused before anything is sent. */
  private static void paths(String[] args) {
    try (ApiClient client = client(args[1])) {
      for (String name : new String[] {null, "", ".", "..", "a/b", "x%2Fy", "x%2fy"}) {
        emit(
            "path",
            attempt(
                () -> {
                  try {
                    client.send(
                        Call.of("DELETE", "/api/v1/namespaces/{namespace}/pods/{name}")
                            .path("namespace", "default")
                            .path("name", name),
                        ConfigMap.CODEC);
                    return Map.of("refused", false);
                  } catch (InvalidPathArgumentException e) {
                    return Map.of("refused", e.parameter().equals("name"), "error", e.getMessage());
                  }
                }));
      }
      Call odd =
          Call.of("GET", CM + "/{name}")
              .path("namespace", "default")
              .path("name", "a b?#ü")
              .query("labelSelector", "app in (x,y)&z=1")
              .query("limit", 5)
              .query("watch", false)
              .query("absent", null);
      emit("encoded", attempt(() -> client.send(odd, ConfigMap.CODEC).name));
    }
  }

  private static void watch(String server, String namespace, String selector, String timeout) {
    try (ApiClient client = client(server);
        Watch<ConfigMap> watch =
            client.watch(
                Call.of("GET", CM)
                    .path("namespace", namespace)
                    .query("labelSelector", selector)
                    .query("timeoutSeconds", timeout),
                ConfigMap.CODEC)) {
      try {
        while (watch.hasNext()) {
          WatchEvent<ConfigMap> event = watch.next();
          emit(
              "event",
              Map.of(
                  "type",
                  event.type(),
                  "name",
                  event.object().name,
                  "resourceVersion",
                  event.object().resourceVersion));
        }
        emit("end", Map.of("checkpoint", String.valueOf(watch.resourceVersion())));
      } catch (KubeException e) {
        Map<String, Object> end = describe(e);
        end.put("checkpoint", String.valueOf(watch.resourceVersion()));
        emit("end", end);
      }
    }
  }

  /**
   * Loads each shared kubeconfig case (tests/kubeconfig_cases.py's plan) and prints one report per
   * case.
   */
  private static void kubeconfig(String planFile) throws Exception {
    Object plan = TestJson.parse(Files.readAllBytes(Path.of(planFile)));
    Map<String, Object> reports = new LinkedHashMap<>();
    for (Object entry : (List<?>) plan) {
      Map<?, ?> e = (Map<?, ?>) entry;
      List<String> allowlist = null;
      if (e.get("allowlist") instanceof List<?> listed) {
        allowlist = listed.stream().map(String::valueOf).toList();
      }
      reports.put(
          (String) e.get("name"),
          report((String) e.get("kubeconfig"), (String) e.get("context"), allowlist));
    }
    System.out.println(TestJson.text(reports));
  }

  private static Map<String, Object> report(String list, String context, List<String> allowlist) {
    Map<String, Object> report = new LinkedHashMap<>();
    try {
      Config config = Kubeconfig.fromList(list, context, allowlist);
      // the fixtures' certificates are not real: the credentials alone make the client that gives
      // the header
      Config credentials =
          new Config()
              .server(config.server())
              .token(config.token())
              .tokenFile(config.tokenFile())
              .username(config.username())
              .password(config.password())
              .exec(config.exec());
      String authorization;
      try (ApiClient client = ApiClient.fromConfig(credentials)) {
        authorization = client.authorization();
      }
      report.put("server", config.server());
      report.put("namespace", config.namespace().isEmpty() ? "default" : config.namespace());
      report.put("authorization", authorization);
      report.put("ca", digest(config.caData()));
      report.put("cert", digest(config.clientCertificateData()));
      report.put("key", digest(config.clientKeyData()));
      report.put("insecure", config.insecureSkipTlsVerify());
      report.put("tls_server_name", config.tlsServerName());
      report.put("proxy", config.proxyUrl());
      report.put("shown", config.toString());
    } catch (kgen.templates.java.runtime.ConfigException e) {
      report.put("error", e.getMessage());
    }
    return report;
  }

  interface Action {
    Object run();
  }

  /** The action's result as {"ok": ...}, or its exception described. */
  private static Map<String, Object> attempt(Action action) {
    try {
      Map<String, Object> ok = new LinkedHashMap<>();
      ok.put("ok", action.run());
      return ok;
    } catch (KubeException | IllegalArgumentException e) {
      return describe(e);
    }
  }

  private static Map<String, Object> describe(RuntimeException e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", e.getClass().getSimpleName());
    out.put("message", e.getMessage());
    out.put("cause", e.getCause() != null);
    if (e instanceof ApiException api) {
      out.put("code", api.code());
      out.put("reason", api.reason());
      out.put("conflict", e instanceof ConflictException);
      out.put("details", api.status().details() == null ? null : api.status().details().toString());
      out.put("warnings", api.warnings());
    }
    if (e instanceof ResponseTooLargeException large) {
      out.put("what", large.what());
      out.put("limit", large.limit());
    }
    return out;
  }

  /** How reports give certificates and keys: the sha256 of their bytes. */
  private static String digest(byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null ? otherwise : value;
  }

  private static void emit(String key, Object value) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(key, value);
    System.out.println(TestJson.text(line));
    System.out.flush();
  }
}
