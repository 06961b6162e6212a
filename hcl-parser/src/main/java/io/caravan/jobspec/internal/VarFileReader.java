package io.caravan.jobspec.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.EvalResult;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Hcl;
import io.caravan.hcl.ParseResult;
import io.caravan.hcl.Pos;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Value;
import io.caravan.hcl.functions.JsonFunctions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a variables file ({@code -var-file}): HCL attributes ({@code name = value}), or, for a file
 * whose name ends in {@code .json}, one JSON object whose members are the variables (objects become
 * HCL objects and arrays tuples, as Nomad's JSON variables files do).
 */
final class VarFileReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One variable set by the file, with where it was set. */
  record Assignment(String name, Value value, SourceRange nameRange, SourceRange valueRange) {}

  private VarFileReader() {}

  /** The file's assignments; problems are added to {@code diags} and the bad entries skipped. */
  static List<Assignment> read(byte[] content, String filename, List<Diagnostic> diags) {
    return filename.endsWith(".json") ? readJson(content, filename, diags) : readHcl(content, filename, diags);
  }

  private static List<Assignment> readHcl(byte[] content, String filename, List<Diagnostic> diags) {
    ParseResult parsed = Hcl.parse(content, filename);
    diags.addAll(parsed.diagnostics());
    List<Assignment> out = new ArrayList<>();
    if (parsed.hasErrors()) {
      return out;
    }
    for (Attribute a : parsed.body().attributes()) {
      EvalResult r = a.expression().evaluate(EvalContext.empty());
      diags.addAll(r.diagnostics());
      out.add(new Assignment(a.name(), r.value(), a.range(), a.expression().range()));
    }
    return out;
  }

  private static List<Assignment> readJson(byte[] content, String filename, List<Diagnostic> diags) {
    List<Assignment> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(content)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        diags.add(Diagnostic.error("Invalid variables file",
            "A JSON variables file must hold one object whose members are the variables.", at(filename, p.currentTokenLocation())));
        return out;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        SourceRange nameRange = at(filename, p.currentTokenLocation());
        p.nextToken();
        SourceRange valueRange = at(filename, p.currentTokenLocation());
        String valueJson = JSON.writeValueAsString(JSON.readTree(p));
        try {
          out.add(new Assignment(name, JsonFunctions.jsondecode(Value.string(valueJson)), nameRange, valueRange));
        } catch (FunctionException e) {
          diags.add(Diagnostic.error("Invalid variable value", e.getMessage(), valueRange));
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      diags.add(Diagnostic.error("Invalid JSON", e.getOriginalMessage(),
          loc == null ? new SourceRange(filename, Pos.START, Pos.START) : at(filename, loc)));
    } catch (IOException e) {
      diags.add(Diagnostic.error("Failed to read file", "failed to read \"" + filename + "\": " + e.getMessage(),
          new SourceRange(filename, Pos.START, Pos.START)));
    }
    return out;
  }

  private static SourceRange at(String filename, JsonLocation loc) {
    Pos pos = new Pos(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()), (int) Math.max(0, loc.getByteOffset()));
    return new SourceRange(filename, pos, pos);
  }
}
