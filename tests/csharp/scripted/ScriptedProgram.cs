// The demo spec's generated C# client against a scripted server at args[1]: `watch` (events, resume,
// the end), `cancel` (a watch on a server that sends nothing, cancelled), `apply` (server-side apply
// with a field manager and force), `errors` (a typed 422 with its causes, a 429 retried, warnings);
// or `kubeconfig`, two reads through the kubeconfig file args[1] names. Prints JSON lines.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kube.Client;
using Kube.Core.V1;
using Kube.Meta.V1;

public static class ScriptedProgram
{
    private static readonly List<string> Warnings = new List<string>();

    public static void Main(string[] args)
    {
        Run(args[0], args[1]).GetAwaiter().GetResult();
    }

    private static async Task Run(string mode, string target)
    {
        Config config = mode == "kubeconfig"
            ? Config.FromKubeconfig(target, null)
            : new Config { Server = target, BearerToken = mode == "errors" ? "s3cret" : null, OnWarning = Warnings.Add };
        using (ApiClient client = ApiClient.FromConfig(config))
        {
            CoreV1Api core = new CoreV1Api(client);
            switch (mode)
            {
                case "watch": await WatchEvents(core); break;
                case "cancel": await Cancel(core); break;
                case "apply": await Apply(core); break;
                case "errors": await Errors(core); break;
                case "kubeconfig": await Read(core, client.Config.Namespace); break;
                default: throw new ArgumentException("unknown mode " + mode);
            }
        }
    }

    private static async Task WatchEvents(CoreV1Api core)
    {
        try
        {
            using (Watch<ConfigMap> watch = core.WatchNamespacedConfigMap("default", new ListParams { LabelSelector = "app=x" }))
            {
                while (await watch.MoveNextAsync())
                {
                    ObjectMeta meta = watch.Current.Object.Metadata;
                    Emit.Line("event", "{\"type\": " + Emit.Str(watch.Current.Type) + ", \"name\": " + Emit.Str(meta.Name) + ", \"resourceVersion\": " + Emit.Str(meta.ResourceVersion) + "}");
                }
            }
            Emit.Line("end", "{\"gone\": false}");
        }
        catch (GoneException e)
        {
            Emit.Line("end", "{\"gone\": true, \"code\": " + e.Code + "}");
        }
    }

    private static async Task Cancel(CoreV1Api core)
    {
        using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        using (Watch<ConfigMap> watch = core.WatchNamespacedConfigMap("default"))
        {
            try
            {
                await watch.MoveNextAsync(cancel.Token);
                Emit.Line("cancelled", "false");
            }
            catch (OperationCanceledException)
            {
                Emit.Line("cancelled", "true");
            }
        }
    }

    private static async Task Apply(CoreV1Api core)
    {
        RawJson patch = RawJson.Of("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"}}");
        ConfigMap applied = await core.PatchNamespacedConfigMapAsync("cm", "default", PatchType.Apply, patch, new PatchParams { FieldManager = "kgen-test", Force = true });
        Emit.Line("applied", Emit.Str(applied.Metadata.Name));
    }

    private static async Task Errors(CoreV1Api core)
    {
        try
        {
            await core.CreateNamespacedConfigMapAsync("default", new ConfigMap { Metadata = new ObjectMeta { Name = "bad" } });
        }
        catch (InvalidException e)
        {
            IEnumerable<string> causes = e.Status.Details.As(StatusDetails.Codec).Causes.Select(
                cause => "{\"reason\": " + Emit.Str(cause.Reason) + ", \"field\": " + Emit.Str(cause.Field) + ", \"message\": " + Emit.Str(cause.Message) + "}");
            Emit.Line("invalid", "{\"code\": " + e.Code + ", \"reason\": " + Emit.Str(e.Reason) + ", \"causes\": [" + string.Join(", ", causes) + "], \"error\": " + Emit.Str(e.Message) + "}");
        }
        ConfigMap read = await core.ReadNamespacedConfigMapAsync("throttled", "default");
        Emit.Line("retried", "{\"name\": " + Emit.Str(read.Metadata.Name) + ", \"warnings\": " + Emit.Strs(Warnings) + "}");
    }

    private static async Task Read(CoreV1Api core, string @namespace)
    {
        for (int i = 0; i < 2; i++)
        {
            try
            {
                ConfigMap read = await core.ReadNamespacedConfigMapAsync("a", @namespace);
                Emit.Line("read", "{\"namespace\": " + Emit.Str(@namespace) + ", \"name\": " + Emit.Str(read.Metadata.Name) + "}");
            }
            catch (KubeException e)
            {
                Emit.Line("error", "{\"type\": " + Emit.Str(e.GetType().Name) + ", \"message\": " + Emit.Str(e.Message) + "}");
            }
        }
    }
}
