// Creates, lists, pages, replaces, patches, watches and deletes ConfigMaps through the demo spec's
// generated C# client (namespace Kube) against the server at args[0]; prints what it saw as JSON lines.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kube.Client;
using Kube.Core.V1;
using Kube.Meta.V1;

public static class EmulatorProgram
{
    public static void Main(string[] args)
    {
        Run(args[0]).GetAwaiter().GetResult();
    }

    private static async Task Run(string server)
    {
        using (ApiClient client = ApiClient.FromConfig(new Config { Server = server, BearerToken = "t0ken" }))
        {
            CoreV1Api core = new CoreV1Api(client);
            foreach (string name in new[] { "alpha", "beta", "gamma" })
            {
                await core.CreateNamespacedConfigMapAsync("default", ConfigMapOf(name, new Dictionary<string, string> { { "name", name } }));
            }
            ConfigMapList all = await core.ListNamespacedConfigMapAsync("default");
            Emit.Line("list", Emit.Strs(all.Items.Select(item => item.Metadata.Name)));
            ConfigMapList page = await core.ListNamespacedConfigMapAsync("default", new ListParams { Limit = 2 });
            Emit.Line("page", "{\"items\": " + page.Items.Count + ", \"continue\": " + Emit.Str(page.Metadata.Continue) + "}");
            using (Watch<ConfigMap> watch = core.WatchNamespacedConfigMap("default"))
            {
                for (int i = 0; i < 3; i++)
                {
                    await Event(watch); // the objects that exist when the watch starts
                }
                await core.CreateNamespacedConfigMapAsync("default", ConfigMapOf("delta", new Dictionary<string, string> { { "v", "1" } }));
                await Event(watch);
                ConfigMap read = await core.ReadNamespacedConfigMapAsync("delta", "default");
                read.Data["v"] = "2";
                await core.ReplaceNamespacedConfigMapAsync("delta", "default", read);
                await Event(watch);
                await core.PatchNamespacedConfigMapAsync("delta", "default", PatchType.Merge, RawJson.Of("{\"data\":{\"v\":\"3\"}}"));
                await Event(watch);
                ObjectOrStatus<ConfigMap> deleted = await core.DeleteNamespacedConfigMapAsync("delta", "default", null);
                Emit.Line("deleted", "{\"object\": " + Emit.Bool(!deleted.IsStatus) + ", \"status\": " + Emit.Bool(deleted.IsStatus) + "}");
                await Event(watch);
            }
            try
            {
                await core.ReadNamespacedConfigMapAsync("missing", "default");
                Emit.Line("missing", "null");
            }
            catch (NotFoundException e)
            {
                Emit.Line("missing", "{\"notFound\": true, \"code\": " + e.Code + "}");
            }
            try
            {
                await core.CreateNamespacedConfigMapAsync("default", ConfigMapOf("alpha", null));
                Emit.Line("duplicate", "null");
            }
            catch (ConflictException e)
            {
                Emit.Line("duplicate", "{\"conflict\": true, \"code\": " + e.Code + "}");
            }
        }
    }

    private static ConfigMap ConfigMapOf(string name, IDictionary<string, string> data)
    {
        return new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, Data = data };
    }

    private static async Task Event(Watch<ConfigMap> watch)
    {
        if (!await watch.MoveNextAsync())
        {
            throw new InvalidOperationException("the watch ended");
        }
        ConfigMap obj = watch.Current.Object;
        IDictionary<string, string> data = obj.Data ?? new Dictionary<string, string>();
        string members = string.Join(", ", data.Select(kv => Emit.Str(kv.Key) + ": " + Emit.Str(kv.Value)));
        Emit.Line("event", "{\"type\": " + Emit.Str(watch.Current.Type) + ", \"name\": " + Emit.Str(obj.Metadata.Name) + ", \"data\": {" + members + "}}");
    }
}
