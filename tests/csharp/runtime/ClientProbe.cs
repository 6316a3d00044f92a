// Drives ApiClient and Watch against the loopback server of tests/test_csharp_runtime.py,
// printing "name<TAB>result" lines. Usage: ClientProbe.exe <server-url>
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using kgen.templates.csharp.runtime;

public static class ClientProbe
{
    private static void Say(string name, object result)
    {
        Console.WriteLine(name + "\t" + (result == null ? "null" : result.ToString().Replace("\n", "\\n")));
    }

    private static string Describe(Exception e)
    {
        ApiException api = e as ApiException;
        if (api != null)
        {
            List<string> causes = new List<string>();
            foreach (StatusCause cause in api.Status.Causes)
            {
                causes.Add(cause.Field + "=" + cause.Reason);
            }
            return e.GetType().Name + " code=" + api.Code + " reason=" + api.Reason + " message=" + api.Status.Message
                + " causes=" + string.Join(";", causes) + " warnings=" + string.Join(";", api.Warnings)
                + " retryAfter=" + (api.RetryAfter == null ? "none" : api.RetryAfter.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return e.GetType().Name + ": " + e.Message;
    }

    private static async Task<string> Outcome<T>(Func<Task<T>> action)
    {
        try
        {
            T result = await action();
            return "ok " + (result == null ? "null" : result.ToString());
        }
        catch (Exception e)
        {
            return Describe(e);
        }
    }

    public static int Main(string[] args)
    {
        return Run(args[0]).GetAwaiter().GetResult();
    }

    private static async Task<int> Run(string server)
    {
        CancellationToken none = CancellationToken.None;
        List<string> warnings = new List<string>();
        Config config = new Config
        {
            Server = server + "/",
            BearerToken = "secret-token",
            Retry = new Retry(3, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)),
            MaxResponseBytes = 100000,
            MaxDecompressedBytes = 200000,
            OnWarning = warnings.Add,
            FieldManager = "probe",
        };
        using (ApiClient client = new ApiClient(config))
        {
            Say("shown", client + " " + new Config { Server = "https://user:pw@example.com:6443" });
            Say("get", await Outcome(() => client.SendAsync(Call.Of("GET", "/ok"), RawJson.Codec, none)));
            Say("query", await Outcome(() => client.SendAsync(
                Call.Of("GET", "/echo/namespaces/{namespace}/pods/{name}")
                    .Path("namespace", "a b")
                    .Path("name", "x:y@z")
                    .Query("labelSelector", "app=x,tier in (a,b)")
                    .Query("limit", 500L)
                    .Query("watch", true)
                    .Query("list", new[] { "a", "b" })
                    .Query("omitted", null)
                    .Query("ratio", 1.5)
                    .Query("joined", Call.Joined(new object[] { 1L, null, true, "c" }, "|"))
                    .Query("none", Call.Joined(null, ","))
                    .Header("X-Probe", 7),
                Json.String,
                none)));
            Say("header-injected", await Outcome(() => client.SendAsync(Call.Of("GET", "/echo/header").Header("X-Probe", "7\r\nX-Evil: 1"), Json.String, none)));
            Say("apply", await Outcome(() => client.SendAsync(
                Call.Of("PATCH", "/echo/apply").Body(RawJson.Of("{\"a\":1}"), RawJson.Codec, PatchType.Apply.ContentType),
                Json.String,
                none)));
            Say("form", await Outcome(() => client.SendAsync(Call.Of("POST", "/echo/form").Form("a", "x y").Form("b", new[] { 1, 2 }), Json.String, none)));
            Say("not-found", await Outcome(() => client.SendAsync(Call.Of("GET", "/status/404"), RawJson.Codec, none)));
            Say("invalid", await Outcome(() => client.SendAsync(Call.Of("POST", "/status/422"), RawJson.Codec, none)));
            Say("exists", await Outcome(() => client.SendAsync(Call.Of("POST", "/status/409"), RawJson.Codec, none)));
            Say("server", await Outcome(() => client.SendAsync(Call.Of("GET", "/plain/500"), RawJson.Codec, none)));
            Say("retry", await Outcome(() => client.SendAsync(Call.Of("POST", "/retry/429"), RawJson.Codec, none)));
            Say("no-retry", await Outcome(() => client.SendAsync(Call.Of("POST", "/always/503"), RawJson.Codec, none)));
            Say("gave-up", await Outcome(() => client.SendAsync(Call.Of("GET", "/always/429"), RawJson.Codec, none)));
            warnings.Clear();
            Say("warnings", await Outcome(() => client.SendAsync(Call.Of("GET", "/warnings"), RawJson.Codec, none)) + " " + string.Join("|", warnings));
            Say("gzip", await Outcome(() => client.SendAsync(Call.Of("GET", "/gzip"), RawJson.Codec, none)));
            Say("bomb", await Outcome(() => client.SendAsync(Call.Of("GET", "/bomb"), RawJson.Codec, none)));
            Say("large", await Outcome(() => client.SendAsync(Call.Of("GET", "/large"), RawJson.Codec, none)));
            Say("large-chunked", await Outcome(() => client.SendAsync(Call.Of("GET", "/large-chunked"), RawJson.Codec, none)));
            Say("text", await Outcome(() => client.SendAsync(Call.Of("GET", "/text"), Json.Text, none)));
            Say("bad-json", await Outcome(() => client.SendAsync(Call.Of("GET", "/text"), RawJson.Codec, none)));
            Say("empty", await Outcome(async () =>
            {
                await client.SendAsync(Call.Of("DELETE", "/empty"), none);
                return "done";
            }));
            Say("status", await Outcome(async () =>
            {
                ObjectOrStatus<RawJson> answer = await client.SendObjectOrStatusAsync(Call.Of("DELETE", "/answer/status"), RawJson.Codec, none);
                return answer.IsStatus + " " + answer.Status.Status + " " + answer.Status.Code;
            }));
            Say("object", await Outcome(async () =>
            {
                ObjectOrStatus<RawJson> answer = await client.SendObjectOrStatusAsync(Call.Of("DELETE", "/ok"), RawJson.Codec, none);
                return answer.IsStatus + " " + answer.Object;
            }));
            Say("pages", await Outcome(async () =>
            {
                IList<string> all = await Pages.AllAsync<IDictionary<string, RawJson>, string>(
                    token => client.SendAsync(Call.Of("GET", "/pages").Query("continue", token), Json.MapOf(RawJson.Codec), none),
                    page => page["items"].As(Json.ListOf(Json.String)),
                    page => page.ContainsKey("continue") ? page["continue"].As(Json.String) : null,
                    none);
                return string.Join(",", all);
            }));
            Say("pager", await Outcome(async () =>
            {
                int fetches = 0;
                Pager<IDictionary<string, RawJson>, string> pager = Pages.Each<IDictionary<string, RawJson>, string>(
                    token =>
                    {
                        fetches++;
                        return client.SendAsync(Call.Of("GET", "/pages").Query("continue", token), Json.MapOf(RawJson.Codec), none);
                    },
                    page => page["items"].As(Json.ListOf(Json.String)),
                    page => page.ContainsKey("continue") ? page["continue"].As(Json.String) : null);
                List<string> seen = new List<string>();
                while (await pager.MoveNextAsync(none))
                {
                    seen.Add(pager.Current + "@" + fetches);
                }
                return string.Join(",", seen) + " then " + fetches;
            }));

            Say("watch", await Outcome(async () =>
            {
                List<string> seen = new List<string>();
                using (Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/resume").Query("resourceVersion", "1"), RawJson.Codec))
                {
                    try
                    {
                        while (await watch.MoveNextAsync(none))
                        {
                            seen.Add(watch.Current.Type + ":" + watch.ResourceVersion);
                        }
                        seen.Add("ended");
                    }
                    catch (Exception e)
                    {
                        seen.Add(Describe(e));
                    }
                    seen.Add("after:" + await watch.MoveNextAsync(none));
                }
                return string.Join(" ", seen);
            }));
            Say("watch-error", await Outcome(async () =>
            {
                using (Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/error"), RawJson.Codec))
                {
                    while (await watch.MoveNextAsync(none))
                    {
                    }
                    return "ended";
                }
            }));
            Say("watch-timeout", await Outcome(async () =>
            {
                int events = 0;
                using (Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/ends").Query("timeoutSeconds", 1), RawJson.Codec))
                {
                    while (await watch.MoveNextAsync(none))
                    {
                        events++;
                    }
                }
                return events;
            }));
            Say("watch-cancel", await Outcome(async () =>
            {
                Stopwatch clock = Stopwatch.StartNew();
                using (Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/silent"), RawJson.Codec))
                using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
                {
                    try
                    {
                        await watch.MoveNextAsync(cancel.Token);
                        return "not cancelled";
                    }
                    catch (OperationCanceledException)
                    {
                        return "cancelled " + (clock.Elapsed < TimeSpan.FromSeconds(10));
                    }
                }
            }));
            Say("watch-dispose", await Outcome(async () =>
            {
                Stopwatch clock = Stopwatch.StartNew();
                Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/silent"), RawJson.Codec);
                Task<bool> pending = watch.MoveNextAsync();
                await Task.Delay(500);
                watch.Dispose();
                bool more = await pending;
                return more + " " + (clock.Elapsed < TimeSpan.FromSeconds(10));
            }));
        }
        Config idle = new Config { Server = server, WatchIdle = TimeSpan.FromSeconds(1), Retry = new Retry(1, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50)) };
        using (ApiClient client = new ApiClient(idle))
        {
            Say("watch-idle", await Outcome(async () =>
            {
                List<string> seen = new List<string>();
                using (Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/stall"), RawJson.Codec))
                {
                    try
                    {
                        while (await watch.MoveNextAsync())
                        {
                            seen.Add(watch.Current.Type + ":" + watch.ResourceVersion);
                        }
                    }
                    catch (Exception e)
                    {
                        seen.Add(e.GetType().Name);
                    }
                }
                return string.Join(" ", seen);
            }));
        }
        using (ApiClient client = new ApiClient(new Config { Server = server, MaxWatchLineBytes = 1000, Retry = Retry.None }))
        {
            Say("watch-huge", await Outcome(async () =>
            {
                using (Watch<RawJson> watch = client.Watch(Call.Of("GET", "/watch/huge"), RawJson.Codec))
                {
                    bool first = await watch.MoveNextAsync();
                    try
                    {
                        await watch.MoveNextAsync();
                        return "not refused";
                    }
                    catch (ResponseTooLargeException e)
                    {
                        return first + " " + e.Message.Substring(0, e.Message.IndexOf('(')) + await watch.MoveNextAsync();
                    }
                }
            }));
        }
        Say("refused", await Outcome(async () =>
        {
            using (ApiClient client = new ApiClient(new Config { Server = "http://127.0.0.1:9", Retry = Retry.None }))
            {
                return await client.SendAsync(Call.Of("GET", "/x"), RawJson.Codec, none);
            }
        }));
        Say("no-server", await Outcome(() => Task.FromResult(new ApiClient(new Config()))));
        Say("bad-server", await Outcome(() => Task.FromResult(new ApiClient(new Config { Server = "ftp://user:pw@x" }))));
        return 0;
    }
}
