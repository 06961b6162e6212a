package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cty's {@code csvdecode}: the first record names the columns, every later record becomes an object
 * of strings. Records follow Go's {@code encoding/csv} reader with its defaults: comma separator,
 * RFC 4180 quoting with {@code ""} escapes, blank lines skipped, {@code \r\n} read as {@code \n},
 * and every record must have as many fields as the header.
 */
public final class CsvFunctions {
  private CsvFunctions() {}

  /** {@code csvdecode(str)}: a list of objects, one per record after the header. */
  public static Value csvdecode(Value str) throws FunctionException {
    Reader reader = new Reader(str.asString());
    List<String> headers = reader.next();
    if (headers == null) {
      throw new FunctionException("missing header line");
    }
    Map<String, Type> attributeTypes = new LinkedHashMap<>();
    for (String name : headers) {
      if (attributeTypes.put(name, Type.STRING) != null) {
        throw new FunctionException("duplicate column name \"" + name + "\"");
      }
    }
    Type.ObjectType rowType = Type.ObjectType.of(attributeTypes);
    List<Value> rows = new ArrayList<>();
    for (List<String> record = reader.next(); record != null; record = reader.next()) {
      Map<String, Value> row = new LinkedHashMap<>();
      for (int i = 0; i < headers.size(); i++) {
        row.put(headers.get(i), Value.string(record.get(i)));
      }
      rows.add(Value.object(row));
    }
    return Value.list(rowType, rows);
  }

  /** Go's csv.Reader with default settings, reading records one at a time. */
  private static final class Reader {
    private final String in;
    private int pos;
    private int line = 1;
    private int fieldsPerRecord = -1;

    Reader(String in) {
      this.in = in.replace("\r\n", "\n");
    }

    /** The next record, or null at the end of input. */
    List<String> next() throws FunctionException {
      while (pos < in.length() && in.charAt(pos) == '\n') { // blank lines are skipped
        pos++;
        line++;
      }
      if (pos >= in.length()) {
        return null;
      }
      int recordLine = line;
      List<String> fields = new ArrayList<>();
      while (true) {
        StringBuilder field = new StringBuilder();
        if (pos < in.length() && in.charAt(pos) == '"') {
          pos++;
          while (true) {
            if (pos >= in.length()) {
              throw parseError(line, "extraneous or missing \" in quoted-field");
            }
            char c = in.charAt(pos);
            if (c == '"') {
              if (pos + 1 < in.length() && in.charAt(pos + 1) == '"') {
                field.append('"');
                pos += 2;
                continue;
              }
              pos++;
              if (pos < in.length() && in.charAt(pos) != ',' && in.charAt(pos) != '\n') {
                throw parseError(line, "extraneous or missing \" in quoted-field");
              }
              break;
            }
            if (c == '\n' && pos + 1 < in.length()) { // Go counts a line only when input follows it
              line++;
            }
            field.append(c);
            pos++;
          }
        } else {
          while (pos < in.length() && in.charAt(pos) != ',' && in.charAt(pos) != '\n') {
            char c = in.charAt(pos);
            if (c == '"') {
              throw parseError(line, "bare \" in non-quoted-field");
            }
            field.append(c);
            pos++;
          }
        }
        fields.add(field.toString());
        if (pos < in.length() && in.charAt(pos) == ',') {
          pos++;
          continue;
        }
        if (pos < in.length()) { // newline
          pos++;
          line++;
        }
        break;
      }
      if (fieldsPerRecord < 0) {
        fieldsPerRecord = fields.size();
      } else if (fields.size() != fieldsPerRecord) {
        throw parseError(recordLine, "wrong number of fields");
      }
      return fields;
    }

    /** cty's wording of an encoding/csv parse error: the line it happened on and Go's message. */
    private static FunctionException parseError(int line, String message) {
      return new FunctionException("CSV parse error on line " + line + ": " + message);
    }
  }
}
