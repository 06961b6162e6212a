package io.caravan.hcl.functions;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Function;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.FunctionTable;
import io.caravan.hcl.Parameter;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Nomad v1.11.3's jobspec function table ({@code jobspec2.Functions(basedir, allowFS)}): the same
 * names, parameter names and types, and quirks. Filesystem functions fail with "filesystem function
 * disabled" unless a base directory is given. {@code try}, {@code can} and {@code convert} take
 * unevaluated expressions or type expressions and are handled by the evaluator.
 */
public final class NomadFunctions {

  /** Names the evaluator must provide itself because they take expressions rather than values. */
  public static final List<String> EVALUATOR_FUNCTIONS = List.of("can", "convert", "try");

  private static final Type DYN = Type.DYNAMIC;
  private static final Type STR = Type.STRING;
  private static final Type NUM = Type.NUMBER;

  private NomadFunctions() {}

  /** The table with filesystem functions disabled (Nomad's HTTP parse endpoint, the goldens). */
  public static FunctionTable withoutFileSystem(RandomGenerator random) {
    return FunctionTable.of(build(Optional.empty(), random));
  }

  /** The table with filesystem functions reading relative to {@code baseDir} (Nomad's CLI). */
  public static FunctionTable withFileSystem(Path baseDir, Path homeDir, RandomGenerator random) {
    return FunctionTable.of(build(Optional.of(new FileSystemFunctions(baseDir, homeDir)), random));
  }

  /** A function body over converted arguments. */
  @FunctionalInterface
  private interface Impl {
    Value apply(List<Value> args) throws FunctionException;
  }

  /** A function assembled from parameters and a body. */
  private record Fn(ImmutableList<Parameter> params, Parameter varParam, Type resultType, Impl impl, String disabled)
      implements Function {
    @Override
    public Type returnType(List<Value> args) throws FunctionException {
      if (disabled != null) {
        throw new FunctionException(disabled);
      }
      return resultType;
    }

    @Override
    public Value call(List<Value> args) throws FunctionException {
      if (disabled != null) {
        throw new FunctionException("filesystem functions disabled");
      }
      for (int i = 0; i < args.size(); i++) {
        Parameter p = i < params.size() ? params.get(i) : varParam;
        if (p != null && !p.allowUnknown() && !args.get(i).isWhollyKnown()) {
          return Value.unknown(resultType); // cty: an unknown argument gives an unknown result
        }
      }
      return impl.apply(args);
    }
  }

  private static Map<String, Function> build(Optional<FileSystemFunctions> fs, RandomGenerator random) {
    Map<String, Function> m = new TreeMap<>();
    // strings
    m.put("upper", fn(STR, a -> StringFunctions.upper(a.get(0)), p("str", STR)));
    m.put("lower", fn(STR, a -> StringFunctions.lower(a.get(0)), p("str", STR)));
    m.put("title", fn(STR, a -> StringFunctions.title(a.get(0)), p("str", STR)));
    m.put("strlen", fn(NUM, a -> StringFunctions.strlen(a.get(0)), p("str", STR)));
    m.put("reverse", fn(STR, a -> StringFunctions.reverse(a.get(0)), p("str", STR)));
    m.put("strrev", fn(STR, a -> StringFunctions.reverse(a.get(0)), p("str", STR)));
    m.put("chomp", fn(STR, a -> StringFunctions.chomp(a.get(0)), p("str", STR)));
    m.put("trimspace", fn(STR, a -> StringFunctions.trimspace(a.get(0)), p("str", STR)));
    m.put("trim", fn(STR, a -> StringFunctions.trim(a.get(0), a.get(1)), p("str", STR), p("cutset", STR)));
    m.put("trimprefix", fn(STR, a -> StringFunctions.trimprefix(a.get(0), a.get(1)), p("str", STR), p("prefix", STR)));
    m.put("trimsuffix", fn(STR, a -> StringFunctions.trimsuffix(a.get(0), a.get(1)), p("str", STR), p("suffix", STR)));
    m.put("indent", fn(STR, a -> StringFunctions.indent(a.get(0), a.get(1)), p("spaces", NUM), p("str", STR)));
    m.put("substr", fn(STR, a -> StringFunctions.substr(a.get(0), a.get(1), a.get(2)),
        p("str", STR), p("offset", NUM), p("length", NUM)));
    m.put("split", fn(new Type.ListType(STR), a -> StringFunctions.split(a.get(0), a.get(1)),
        p("separator", STR), p("str", STR)));
    m.put("join", varFn(STR, a -> StringFunctions.join(a.get(0), a.subList(1, a.size())),
        p("lists", new Type.ListType(STR)), p("separator", STR)));
    m.put("replace", fn(STR, a -> StringFunctions.replace(a.get(0), a.get(1), a.get(2)),
        p("str", STR), p("substr", STR), p("replace", STR)));
    m.put("regex_replace", fn(STR, a -> StringFunctions.regexReplace(a.get(0), a.get(1), a.get(2)),
        p("str", STR), p("pattern", STR), p("replace", STR)));
    m.put("format", varFn(STR, a -> FormatFunctions.format(a.get(0), a.subList(1, a.size())),
        new Parameter("args", DYN, true, false, true), p("format", STR)));
    m.put("formatlist", varFn(new Type.ListType(STR), a -> FormatFunctions.formatlist(a.get(0), a.subList(1, a.size())),
        new Parameter("args", DYN, true, false, true), p("format", STR)));
    m.put("jsonencode", fn(STR, a -> JsonFunctions.jsonencode(a.get(0)), new Parameter("val", DYN, true, false, true)));
    m.put("jsondecode", fn(DYN, a -> JsonFunctions.jsondecode(a.get(0)), p("str", STR)));
    m.put("yamldecode", fn(DYN, a -> YamlFunctions.yamldecode(a.get(0)), p("src", STR)));
    m.put("yamlencode", fn(STR, a -> YamlFunctions.yamlencode(a.get(0)), new Parameter("value", DYN, true, false, true)));
    m.put("csvdecode", fn(DYN, a -> CsvFunctions.csvdecode(a.get(0)), p("str", STR)));
    // numbers
    m.put("abs", fn(NUM, a -> NumericFunctions.abs(a.get(0)), p("num", NUM)));
    m.put("ceil", fn(NUM, a -> NumericFunctions.ceil(a.get(0)), p("num", NUM)));
    m.put("floor", fn(NUM, a -> NumericFunctions.floor(a.get(0)), p("num", NUM)));
    m.put("signum", fn(NUM, a -> NumericFunctions.signum(a.get(0)), p("num", NUM)));
    m.put("log", fn(NUM, a -> NumericFunctions.log(a.get(0), a.get(1)), p("num", NUM), p("base", NUM)));
    m.put("pow", fn(NUM, a -> NumericFunctions.pow(a.get(0), a.get(1)), p("num", NUM), p("power", NUM)));
    m.put("parseint", fn(DYN, a -> NumericFunctions.parseint(a.get(0), a.get(1)), p("number", STR), p("base", NUM)));
    m.put("max", varFn(NUM, NumericFunctions::max, new Parameter("numbers", NUM, false, false, true)));
    m.put("min", varFn(NUM, NumericFunctions::min, new Parameter("numbers", NUM, false, false, true)));
    // encoding and hashing
    m.put("base64encode", fn(STR, a -> EncodingFunctions.base64encode(a.get(0)), p("str", STR)));
    m.put("base64decode", fn(STR, a -> EncodingFunctions.base64decode(a.get(0)), p("str", STR)));
    m.put("urlencode", fn(STR, a -> EncodingFunctions.urlencode(a.get(0)), p("str", STR)));
    m.put("md5", fn(STR, a -> CryptoFunctions.md5(a.get(0)), p("str", STR)));
    m.put("sha1", fn(STR, a -> CryptoFunctions.sha1(a.get(0)), p("str", STR)));
    m.put("sha256", fn(STR, a -> CryptoFunctions.sha256(a.get(0)), p("str", STR)));
    m.put("bcrypt", varFn(STR, a -> CryptoFunctions.bcrypt(a.get(0), a.subList(1, a.size()), random),
        p("cost", NUM), p("str", STR)));
    m.put("rsadecrypt", fn(STR, a -> CryptoFunctions.rsadecrypt(a.get(0), a.get(1)),
        p("ciphertext", STR), p("privatekey", STR)));
    m.put("sha512", fn(STR, a -> CryptoFunctions.sha512(a.get(0)), p("str", STR)));
    // networks, ids, time
    m.put("cidrhost", fn(STR, a -> CidrFunctions.cidrhost(a.get(0), a.get(1)), p("prefix", STR), p("hostnum", NUM)));
    m.put("cidrnetmask", fn(STR, a -> CidrFunctions.cidrnetmask(a.get(0)), p("prefix", STR)));
    m.put("cidrsubnet", fn(STR, a -> CidrFunctions.cidrsubnet(a.get(0), a.get(1), a.get(2)),
        p("prefix", STR), p("newbits", NUM), p("netnum", NUM)));
    m.put("cidrsubnets", varFn(new Type.ListType(STR), a -> CidrFunctions.cidrsubnets(a.get(0), a.subList(1, a.size())),
        p("newbits", NUM), p("prefix", STR)));
    m.put("uuidv4", fn(STR, a -> UuidFunctions.uuidv4(random)));
    m.put("uuidv5", fn(STR, a -> UuidFunctions.uuidv5(a.get(0), a.get(1)), p("namespace", STR), p("name", STR)));
    m.put("formatdate", fn(STR, a -> DateTimeFunctions.formatdate(a.get(0), a.get(1)), p("format", STR), p("time", STR)));
    m.put("timeadd", fn(STR, a -> DateTimeFunctions.timeadd(a.get(0), a.get(1)),
        p("timestamp", STR), p("duration", STR)));
    // collections
    m.put("length", fn(NUM, a -> CollectionFunctions.length(a.get(0)),
        new Parameter("collection", DYN, false, true, true)));
    m.put("concat", varFn(DYN, CollectionFunctions::concat, p("seqs", DYN)));
    m.put("merge", varFn(DYN, CollectionFunctions::merge, new Parameter("maps", DYN, true, false, true)));
    m.put("keys", fn(DYN, a -> CollectionFunctions.keys(a.get(0)), p("inputMap", DYN)));
    m.put("values", fn(DYN, a -> CollectionFunctions.values(a.get(0)), p("mapping", DYN)));
    m.put("lookup", varFn(DYN, a -> CollectionFunctions.lookup(a.get(0), a.get(1), a.subList(2, a.size())),
        new Parameter("default", DYN, true, false, true), p("inputMap", DYN), p("key", STR)));
    m.put("contains", fn(Type.BOOL, a -> CollectionFunctions.contains(a.get(0), a.get(1)), p("list", DYN), p("value", DYN)));
    m.put("distinct", fn(DYN, a -> CollectionFunctions.distinct(a.get(0)), p("list", new Type.ListType(DYN))));
    m.put("element", fn(DYN, a -> CollectionFunctions.element(a.get(0), a.get(1)), p("list", DYN), p("index", NUM)));
    m.put("flatten", fn(DYN, a -> CollectionFunctions.flatten(a.get(0)), p("list", DYN)));
    m.put("range", varFn(new Type.ListType(NUM), CollectionFunctions::range, p("params", NUM)));
    m.put("setunion", varFn(DYN, CollectionFunctions::setunion, p("other_sets", new Type.SetType(DYN)),
        p("first_set", new Type.SetType(DYN))));
    m.put("setintersection", varFn(DYN, CollectionFunctions::setintersection, p("other_sets", new Type.SetType(DYN)),
        p("first_set", new Type.SetType(DYN))));
    m.put("setproduct", varFn(DYN, CollectionFunctions::setproduct, p("sets", DYN)));
    m.put("slice", fn(DYN, a -> CollectionFunctions.slice(a.get(0), a.get(1), a.get(2)),
        p("list", DYN), p("start_index", NUM), p("end_index", NUM)));
    m.put("sort", fn(new Type.ListType(STR), a -> CollectionFunctions.sort(a.get(0)), p("list", new Type.ListType(STR))));
    m.put("zipmap", fn(DYN, a -> CollectionFunctions.zipmap(a.get(0), a.get(1)),
        p("keys", new Type.ListType(STR)), p("values", DYN)));
    m.put("coalesce", varFn(DYN, CollectionFunctions::coalesce, new Parameter("vals", DYN, true, false, true)));
    m.put("coalescelist", varFn(DYN, CollectionFunctions::coalescelist, new Parameter("vals", DYN, true, false, true)));
    m.put("compact", fn(new Type.ListType(STR), a -> CollectionFunctions.compact(a.get(0)), p("list", new Type.ListType(STR))));
    m.put("chunklist", fn(DYN, a -> CollectionFunctions.chunklist(a.get(0), a.get(1)),
        p("list", new Type.ListType(DYN)), p("size", NUM)));
    m.put("index", fn(DYN, a -> CollectionFunctions.index(a.get(0), a.get(1)), p("collection", DYN), p("key", DYN)));
    // filesystem
    fileSystem(m, fs);
    return m;
  }

  private static void fileSystem(Map<String, Function> m, Optional<FileSystemFunctions> fs) {
    m.put("abspath", fsFn(fs, STR, (f, a) -> FileSystemFunctions.abspath(a.get(0)), p("path", STR)));
    m.put("basename", fsFn(fs, STR, (f, a) -> FileSystemFunctions.basename(a.get(0)), p("path", STR)));
    m.put("dirname", fsFn(fs, STR, (f, a) -> FileSystemFunctions.dirname(a.get(0)), p("path", STR)));
    m.put("file", fsFn(fs, STR, (f, a) -> f.file(a.get(0)), p("path", STR)));
    m.put("filebase64", fsFn(fs, STR, (f, a) -> f.filebase64(a.get(0)), p("path", STR)));
    m.put("fileexists", fsFn(fs, Type.BOOL, (f, a) -> f.fileexists(a.get(0)), p("path", STR)));
    m.put("fileset", fsFn(fs, new Type.SetType(STR), (f, a) -> f.fileset(a.get(0), a.get(1)),
        p("path", STR), p("pattern", STR)));
    m.put("pathexpand", fsFn(fs, STR, (f, a) -> f.pathexpand(a.get(0)), p("path", STR)));
  }

  /** A filesystem function body. */
  @FunctionalInterface
  private interface FsImpl {
    Value apply(FileSystemFunctions fs, List<Value> args) throws FunctionException;
  }

  private static Function fsFn(Optional<FileSystemFunctions> fs, Type result, FsImpl impl, Parameter... params) {
    if (fs.isEmpty()) {
      return new Fn(ImmutableList.copyOf(params), null, result, a -> Value.nullOf(result), "filesystem function disabled");
    }
    FileSystemFunctions f = fs.get();
    return new Fn(ImmutableList.copyOf(params), null, result, a -> impl.apply(f, a), null);
  }

  private static Parameter p(String name, Type type) {
    return Parameter.of(name, type);
  }

  private static Function fn(Type result, Impl impl, Parameter... params) {
    return new Fn(ImmutableList.copyOf(params), null, result, impl, null);
  }

  /** A variadic function: {@code varParam} first, then the fixed parameters. */
  private static Function varFn(Type result, Impl impl, Parameter varParam, Parameter... params) {
    return new Fn(ImmutableList.copyOf(params), varParam, result, impl, null);
  }
}
