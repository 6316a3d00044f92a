// Reads the ConfigMap "newer" (which carries members the demo spec does not know), changes its data,
// puts an owner reference first and replaces it; then does the same to the item of a list. The server
// at args[0] must get every unknown member back.

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kube.Client;
using Kube.Core.V1;
using Kube.Meta.V1;

public static class UnknownProgram
{
    public static void Main(string[] args)
    {
        Run(args[0]).GetAwaiter().GetResult();
    }

    private static async Task Run(string server)
    {
        using (ApiClient client = ApiClient.FromConfig(new Config { Server = server }))
        {
            CoreV1Api core = new CoreV1Api(client);
            ConfigMap read = await core.ReadNamespacedConfigMapAsync("newer", "default");
            read.Data = new Dictionary<string, string> { { "mode", "b" } };
            List<OwnerReference> owners = new List<OwnerReference>(read.Metadata.OwnerReferences);
            owners.Insert(0, new OwnerReference { ApiVersion = "v1", Kind = "Secret", Name = "c", Uid = "3" });
            read.Metadata.OwnerReferences = owners;
            await core.ReplaceNamespacedConfigMapAsync("newer", "default", read);
            Console.WriteLine("replaced");
            ConfigMap item = (await core.ListNamespacedConfigMapAsync("default")).Items[0];
            item.Data = new Dictionary<string, string> { { "mode", "c" } };
            await core.ReplaceNamespacedConfigMapAsync("newer", "default", item);
            Console.WriteLine("replaced item");
        }
    }
}
