// Decodes JSON documents into generated models and encodes them back, as a client's read then write does.
//
//     mono RoundTrip.exe CLIENT.dll RUNTIME_NAMESPACE TYPE FILE [TYPE FILE]...
//
// Each FILE is decoded with TYPE's Codec through RUNTIME_NAMESPACE.Json and encoded again; the
// encodings are written to stdout, one per line. The generated types are named at run time so this
// one program serves every generated client: the reflection is the test's, not the client's.

using System;
using System.IO;
using System.Linq;
using System.Reflection;

public static class RoundTrip
{
    public static void Main(string[] args)
    {
        Assembly client = Assembly.LoadFrom(args[0]);
        Type json = client.GetType(args[1] + ".Json", true);
        MethodInfo decode = json.GetMethods().Single(m => m.Name == "Decode" && m.GetParameters()[0].ParameterType == typeof(byte[]));
        MethodInfo encode = json.GetMethods().Single(m => m.Name == "EncodeUtf8");
        using (Stream stdout = Console.OpenStandardOutput())
        {
            for (int i = 2; i + 1 < args.Length; i += 2)
            {
                FieldInfo codec = client.GetType(args[i], true).GetField("Codec");
                Type model = codec.FieldType.GetGenericArguments()[0];
                object value = decode.MakeGenericMethod(model).Invoke(null, new object[] { File.ReadAllBytes(args[i + 1]), codec.GetValue(null) });
                byte[] written = (byte[])encode.MakeGenericMethod(model).Invoke(null, new object[] { value, codec.GetValue(null) });
                stdout.Write(written, 0, written.Length);
                stdout.WriteByte((byte)'\n');
            }
        }
    }
}
