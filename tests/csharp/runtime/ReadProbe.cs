// Reads the ConfigMap "a" of the context's namespace with a client made from a kubeconfig, twice,
// printing "read<TAB>ok NAME" or "read<TAB>ExceptionType: message" for each. Usage: ReadProbe.exe kubeconfig
using System;
using System.Collections.Generic;
using System.Threading;
using kgen.templates.csharp.runtime;

public static class ReadProbe
{
    public static int Main(string[] args)
    {
        try
        {
            Config config = Kubeconfig.Load(new List<string> { args[0] }, null, null);
            config.Retry = new Retry(1, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50));
            using (ApiClient client = new ApiClient(config))
            {
                for (int i = 0; i < 2; i++)
                {
                    try
                    {
                        Call call = Call.Of("GET", "/api/v1/namespaces/{namespace}/configmaps/{name}").Path("namespace", config.Namespace).Path("name", "a");
                        RawJson got = client.SendAsync(call, RawJson.Codec, CancellationToken.None).GetAwaiter().GetResult();
                        Console.WriteLine("read\tok " + got.As(Json.MapOf(RawJson.Codec))["metadata"].As(Json.MapOf(Json.String))["name"]);
                    }
                    catch (KubeException e)
                    {
                        Console.WriteLine("read\t" + e.GetType().Name + ": " + e.Message.Replace("\n", " "));
                    }
                }
            }
        }
        catch (KubeException e)
        {
            Console.WriteLine("read\t" + e.GetType().Name + ": " + e.Message.Replace("\n", " "));
        }
        return 0;
    }
}
