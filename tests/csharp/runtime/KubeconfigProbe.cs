// Loads the shared kubeconfig cases (tests/kubeconfig_cases.py plan) with the runtime and prints
// one JSON object: case name -> summary or {"error": message}. Usage: KubeconfigProbe.exe plan.json
using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using kgen.templates.csharp.runtime;
using Newtonsoft.Json;

public static class KubeconfigProbe
{
    private static string Digest(byte[] data)
    {
        if (data == null)
        {
            return null;
        }
        using (SHA256 sha = SHA256.Create())
        {
            StringBuilder hex = new StringBuilder();
            foreach (byte b in sha.ComputeHash(data))
            {
                hex.Append(b.ToString("x2"));
            }
            return hex.ToString();
        }
    }

    /// <summary>The Authorization header the configuration gives (an exec plugin runs), through a client without TLS settings.</summary>
    private static string Authorization(Config config)
    {
        Config credentials = new Config
        {
            Server = "http://127.0.0.1:1",
            BearerToken = config.BearerToken,
            TokenFile = config.TokenFile,
            Username = config.Username,
            Password = config.Password,
            Exec = config.Exec,
        };
        using (ApiClient client = new ApiClient(credentials))
        {
            return client.Authorization();
        }
    }

    public static int Main(string[] args)
    {
        List<Dictionary<string, object>> plan = new List<Dictionary<string, object>>();
        using (JsonTextReader reader = new JsonTextReader(new StringReader(File.ReadAllText(args[0]))))
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonToken.StartObject)
            {
                Dictionary<string, object> entry = new Dictionary<string, object>();
                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    string name = (string)reader.Value;
                    reader.Read();
                    if (reader.TokenType == JsonToken.StartArray)
                    {
                        List<string> items = new List<string>();
                        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                        {
                            items.Add((string)reader.Value);
                        }
                        entry[name] = items;
                    }
                    else
                    {
                        entry[name] = reader.Value;
                    }
                }
                plan.Add(entry);
            }
        }
        StringWriter text = new StringWriter();
        using (JsonTextWriter writer = new JsonTextWriter(text))
        {
            writer.WriteStartObject();
            foreach (Dictionary<string, object> entry in plan)
            {
                writer.WritePropertyName((string)entry["name"]);
                writer.WriteStartObject();
                try
                {
                    Config config = Kubeconfig.FromList((string)entry["kubeconfig"], (string)entry["context"], (IList<string>)entry["allowlist"]);
                    string authorization = Authorization(config);
                    writer.WritePropertyName("server");
                    writer.WriteValue(config.Server);
                    writer.WritePropertyName("namespace");
                    writer.WriteValue(config.Namespace.Length == 0 ? "default" : config.Namespace);
                    writer.WritePropertyName("authorization");
                    writer.WriteValue(authorization);
                    writer.WritePropertyName("ca");
                    writer.WriteValue(Digest(config.CaData));
                    writer.WritePropertyName("cert");
                    writer.WriteValue(Digest(config.ClientCertificateData));
                    writer.WritePropertyName("key");
                    writer.WriteValue(Digest(config.ClientKeyData));
                    writer.WritePropertyName("insecure");
                    writer.WriteValue(config.InsecureSkipTlsVerify);
                    writer.WritePropertyName("tls_server_name");
                    writer.WriteValue(config.TlsServerName);
                    writer.WritePropertyName("proxy");
                    writer.WriteValue(config.ProxyUrl);
                    writer.WritePropertyName("shown");
                    writer.WriteValue(config.ToString());
                }
                catch (KubeException e)
                {
                    writer.WritePropertyName("error");
                    writer.WriteValue(e.GetType().Name + ": " + e.Message);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        Console.WriteLine(text.ToString());
        return 0;
    }
}
