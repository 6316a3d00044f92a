// Config, credentials and client construction, printing "name<TAB>result" lines.
// Usage: ConfigProbe.exe <server-url> <scratch-directory>; the environment is the test's.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using kgen.templates.csharp.runtime;

public static class ConfigProbe
{
    private static void Say(string name, object result)
    {
        Console.WriteLine(name + "\t" + (result == null ? "null" : result.ToString().Replace("\n", "\\n")));
    }

    private static string Try(Func<object> action)
    {
        try
        {
            object result = action();
            return "ok " + (result == null ? "null" : result.ToString());
        }
        catch (Exception e)
        {
            Exception inner = e is AggregateException && e.InnerException != null ? e.InnerException : e;
            return inner.GetType().Name + ": " + inner.Message;
        }
    }

    private static string Echo(ApiClient client, string path)
    {
        string echoed = client.SendAsync(Call.Of("GET", path), Json.String, CancellationToken.None).GetAwaiter().GetResult();
        return Json.Decode(echoed, Json.MapOf(RawJson.Codec))["authorization"].As(Json.String);
    }

    public static int Main(string[] args)
    {
        string server = args[0];
        string scratch = args[1];
        string tokenFile = Path.Combine(scratch, "token");
        File.WriteAllText(tokenFile, "one\n");
        Config rotating = new Config { Server = server, TokenFile = tokenFile, Retry = Retry.None };
        using (ApiClient client = new ApiClient(rotating))
        {
            Say("token-file", Try(() => Echo(client, "/echo/one")));
            File.WriteAllText(tokenFile, "three\n");
            Say("token-file-rotated", Try(() => Echo(client, "/echo/two")));
            Say("token-file-401", Try(() => client.SendAsync(Call.Of("GET", "/status/401"), RawJson.Codec, CancellationToken.None).GetAwaiter().GetResult()));
        }
        using (ApiClient client = new ApiClient(new Config { Server = server, BearerToken = "fixed", Retry = Retry.None }))
        {
            Say("token-401", Try(() => client.SendAsync(Call.Of("GET", "/status/401-fixed"), RawJson.Codec, CancellationToken.None).GetAwaiter().GetResult()));
        }
        using (ApiClient client = new ApiClient(new Config { Server = server, Username = "u", Password = "p:w" }))
        {
            Say("basic", Try(() => Echo(client, "/echo/basic")));
        }
        Say("injected", Try(() => new ApiClient(new Config { Server = server, BearerToken = "a\r\nX-Evil: 1" }).Authorization()));
        Say("apply-without-manager", Try(() => new ApiClient(new Config { Server = server }).SendAsync(
            Call.Of("PATCH", "/echo/x").Body(RawJson.Of("{}"), RawJson.Codec, PatchType.Apply.ContentType), Json.String, CancellationToken.None).GetAwaiter().GetResult()));
        Say("proxy-with-password", Try(() => new ApiClient(new Config { Server = server, ProxyUrl = "http://u:secret@proxy:3128" })));
        Say("proxy-https", Try(() => new ApiClient(new Config { Server = server, ProxyUrl = "https://proxy:3128" })));
        Say("cancelled", Try(() =>
        {
            using (ApiClient client = new ApiClient(new Config { Server = server }))
            using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            {
                return client.SendAsync(Call.Of("GET", "/watch/silent"), RawJson.Codec, cancel.Token).GetAwaiter().GetResult();
            }
        }));
        Say("deadline", Try(() =>
        {
            using (ApiClient client = new ApiClient(new Config { Server = server, Timeout = TimeSpan.FromSeconds(1), Retry = Retry.None }))
            {
                return client.SendAsync(Call.Of("GET", "/watch/silent"), RawJson.Codec, CancellationToken.None).GetAwaiter().GetResult();
            }
        }));
        string account = Path.Combine(scratch, "account");
        Directory.CreateDirectory(account);
        File.WriteAllText(Path.Combine(account, "token"), "sa-token\n");
        File.WriteAllText(Path.Combine(account, "namespace"), "pods-ns\n");
        Say("in-cluster", Try(() =>
        {
            Config config = Config.InCluster(account);
            return config + " " + config.TokenFile + " " + (config.CaFile == null ? "no-ca" : config.CaFile);
        }));
        Say("in-cluster-token", Try(() => new ApiClient(Config.InCluster(account)).Authorization()));
        Say("default", Try(() =>
        {
            using (ApiClient client = ApiClient.FromDefault())
            {
                return client.ToString();
            }
        }));
        return 0;
    }
}
