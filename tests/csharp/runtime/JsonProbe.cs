// Checks the runtime's JSON core and Call, printing "name<TAB>result" lines for tests/test_csharp_runtime.py.
using System;
using System.Collections.Generic;
using kgen.templates.csharp.runtime;
using Newtonsoft.Json;

/// <summary>A model codec written as generated code writes one: known fields, the rest kept.</summary>
public sealed class Thing
{
    public static readonly IJsonCodec<Thing> Codec = new ThingCodec();

    public string Name { get; set; }

    public Thing Child { get; set; }

    public IDictionary<string, RawJson> Unknown { get; set; }

    private sealed class ThingCodec : IJsonCodec<Thing>
    {
        public Thing Read(JsonReader reader)
        {
            Json.StartObject(reader);
            Thing thing = new Thing();
            string name;
            while (Json.NextProperty(reader, out name))
            {
                switch (name)
                {
                    case "name":
                        thing.Name = Json.Read(reader, Json.String);
                        break;
                    case "child":
                        thing.Child = Json.Read(reader, Codec);
                        break;
                    default:
                        thing.Unknown = Json.Unknown(reader, name, thing.Unknown);
                        break;
                }
            }
            return thing;
        }

        public void Write(JsonWriter writer, Thing value)
        {
            writer.WriteStartObject();
            Json.Field(writer, "name", value.Name, Json.String);
            Json.Field(writer, "child", value.Child, Codec);
            Json.Unknown(writer, value.Unknown);
            writer.WriteEndObject();
        }
    }
}

public sealed class Protocol : OpenEnum
{
    public static readonly Protocol Tcp = new Protocol("TCP");

    private Protocol(string value)
        : base(value)
    {
    }

    public static Protocol Of(string value)
    {
        return value == "TCP" ? Tcp : new Protocol(value);
    }
}

public static class JsonProbe
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
            return e.GetType().Name + ": " + e.Message;
        }
    }

    public static int Main()
    {
        string numbers = "{\"a\":1.50e3,\"b\":-0,\"c\":1E+3,\"d\":12345678901234567890123,\"e\":[1,{\"f\":null,\"g\":-0.0}]}";
        Say("raw", Json.Encode(RawJson.Of(numbers), RawJson.Codec));
        Say("raw-spaced", RawJson.Of(" {\n \"a\" : 1.50e3 ,\r\n \"b\":[ -0 , 1E+3 ]\r }"));
        System.Text.StringBuilder big = new System.Text.StringBuilder("[");
        System.Text.StringBuilder compact = new System.Text.StringBuilder("[");
        string[] tokens = { "1.50e3", "-0", "1E+3", "12345678901234567890123", "0.25", "7" };
        for (int i = 0; i < 6000; i++)
        {
            string separator = i == 0 ? "" : i % 7 == 0 ? " ,\r\n  " : i % 5 == 0 ? "\n," : i % 3 == 0 ? "\r, " : ",";
            big.Append(separator).Append(tokens[i % tokens.Length]);
            compact.Append(i == 0 ? "" : ",").Append(tokens[i % tokens.Length]);
        }
        Say("big", RawJson.Of(big.Append("\n]").ToString()).ToString() == compact.Append("]").ToString());
        foreach (string token in new[] { "1.50e3", "-0", "1E+3", "12345678901234567890123", "0.1" })
        {
            JsonNumber number = Json.Decode(token, JsonNumber.Codec);
            Say("number " + token, number + " " + Json.Encode(number, JsonNumber.Codec));
        }
        Say("number-decimal", JsonNumber.Of("1.50e3").ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Say("number-long", JsonNumber.Of("1E+3").ToInt64());
        Say("number-bad", Try(() => JsonNumber.Of("01")));
        Say("number-equal", JsonNumber.Of("1.0").Equals(JsonNumber.Of("1")) + " " + JsonNumber.Of("1.0").Equals(JsonNumber.Of("1.0")));
        string text = Json.Decode("\"a\\\"b\\u00e9\\n\\ud83d\\ude00\\/\"", Json.String);
        Say("string", text == "a\"b\u00e9\n\ud83d\ude00/");
        Say("string-back", Json.Decode(Json.Encode(text, Json.String), Json.String) == text);
        Say("string-utf8", Json.Decode(System.Text.Encoding.UTF8.GetBytes("\"\u00e9\u4e2d\""), Json.String) == "\u00e9\u4e2d");
        string deep = "{\"name\":\"x\",\"extra\":{\"deep\":[1.0,2e5,{\"z\":\"\\u00e9\"}]},\"child\":{\"name\":\"y\",\"more\":-0.0,\"n\":null}}";
        Thing thing = Json.Decode(deep, Thing.Codec);
        Say("unknown", Json.Encode(thing, Thing.Codec));
        Say("unknown-child", thing.Child.Unknown["more"] + " " + thing.Child.Unknown["n"].IsNull);
        IntOrString port = Json.Decode("\"8080\"", IntOrString.Codec);
        IntOrString number8080 = Json.Decode("8080", IntOrString.Codec);
        Say("intorstring", port.IsInt + " " + Json.Encode(port, IntOrString.Codec) + " " + number8080.IsInt + " " + Json.Encode(number8080, IntOrString.Codec) + " " + port.Equals(number8080));
        Say("intorstring-bad", Try(() => Json.Decode("1.5", IntOrString.Codec)));
        Quantity half = Json.Decode("0.5", Quantity.Codec);
        Quantity milli = Json.Decode("\"500m\"", Quantity.Codec);
        Say("quantity", half.IsNumber + " " + Json.Encode(half, Quantity.Codec) + " " + milli.IsNumber + " " + Json.Encode(milli, Quantity.Codec) + " " + Json.Encode(Json.Decode("1.50e3", Quantity.Codec), Quantity.Codec));
        Say("depth-999", Try(() => Json.Decode(new string('[', 999) + new string(']', 999), RawJson.Codec).ToString().Length));
        Say("depth-1001", Try(() => Json.Decode(new string('[', 1001) + new string(']', 1001), RawJson.Codec)));
        Say("comment", Try(() => Json.Decode("[1]/*x*/", RawJson.Codec)));
        Say("single-quote", Try(() => Json.Decode("['x']", RawJson.Codec)));
        Say("unquoted", Try(() => Json.Decode("{a:1}", RawJson.Codec)));
        Say("nan", Try(() => Json.Decode("[NaN]", RawJson.Codec)));
        Say("trailing", Try(() => Json.Decode("[1] 2", RawJson.Codec)));
        Say("beyond-double", Try(() => Json.Decode("[1e400, -1.5E+999, \"1e400\", 1e-400]", RawJson.Codec)));
        Say("beyond-double-number", Try(() => Json.Decode("{\"q\":1e400}", Json.MapOf(Quantity.Codec))["q"]));
        Say("beyond-double-double", Try(() => Json.Decode("1e400", Json.Double)));
        Say("huge-integer", Try(() => Json.Decode(new string('9', 400), JsonNumber.Codec).ToString().Length));
        Say("huge-integer-int64", Try(() => Json.Decode(new string('9', 400), Json.Int64)));
        Say("long-number", Try(() => Json.Decode(new string('1', 1001), JsonNumber.Codec)));
        Say("mismatch", Try(() => Json.Decode("{\"name\":5}", Thing.Codec)));
        Say("empty", Json.Decode("", Json.String) == null);
        Say("null", Json.Decode("null", Thing.Codec) == null);
        IList<string> list = Json.Decode("[\"a\",null,\"b\"]", Json.ListOf(Json.String));
        Say("list", list.Count + " " + (list[1] == null) + " " + Json.Encode(list, Json.ListOf(Json.String)));
        IDictionary<string, int?> map = Json.Decode("{\"z\":1,\"a\":null,\"m\":3}", Json.MapOf(Json.Int32));
        Say("map", string.Join(",", map.Keys) + " " + Json.Encode(map, Json.MapOf(Json.Int32)));
        Say("int32-overflow", Try(() => Json.Decode("2147483648", Json.Int32)));
        Say("int64", Json.Decode("-9223372036854775808", Json.Int64));
        Say("double", Json.Decode("3", Json.Double) + " " + Json.Encode(0.1, Json.Double) + " " + Json.Encode(1e300, Json.Double));
        Say("double-nan", Try(() => Json.Encode(double.NaN, Json.Double)));
        Say("bool", Json.Encode(Json.Decode("true", Json.Boolean), Json.Boolean));
        Say("bytes", System.Text.Encoding.ASCII.GetString(Json.Decode("\"aGk=\"", Json.Bytes)) + " " + Json.Encode(new byte[] { 104, 105 }, Json.Bytes));
        Say("text", Json.Decode(System.Text.Encoding.UTF8.GetBytes("not json"), Json.Text));
        Say("octets", Json.Decode(new byte[] { 1, 2 }, Json.Octets).Length);
        Say("enum", Json.Decode("\"TCP\"", Json.OpenEnum<Protocol>(Protocol.Of)) == Protocol.Tcp);
        Say("enum-open", Json.Encode(Json.Decode("\"SCTP\"", Json.OpenEnum<Protocol>(Protocol.Of)), Json.OpenEnum<Protocol>(Protocol.Of)));
        Say("raw-as", RawJson.Of("{\"name\":\"n\"}").As(Thing.Codec).Name);
        Say("raw-bad", Try(() => RawJson.Of("{")));
        Say("raw-equal", RawJson.Of("[1, 2]").Equals(RawJson.Of("[1,2]")));
        Say("utf8", System.Text.Encoding.UTF8.GetString(Json.EncodeUtf8("\u00e9", Json.String)));
        foreach (string bad in new[] { null, "", ".", "..", "a/b", "a%2fb", "a%2Fb" })
        {
            string value = bad;
            Say("path " + (bad == null ? "null" : "'" + bad + "'"), Try(() => Call.Of("GET", "/api/v1/namespaces/{namespace}").Path("namespace", value)));
        }
        Say("patch", PatchType.Apply.ContentType + " " + PatchType.StrategicMerge.ContentType);
        return 0;
    }
}
