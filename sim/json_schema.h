/* json_schema.h: a small JSON Schema validator, for the subset that
 * docs/trace-schema.json uses: type (a name or a list of names), enum,
 * minimum, required, properties, items, and $ref to "#/$defs/NAME" (or
 * "#/definitions/NAME") of the root schema.  Every other keyword ($schema,
 * $id, title, description, ...) is ignored.  Used by the tests to check
 * every trace they produce against the schema. */
#ifndef HCHANVIZ_JSON_SCHEMA_H
#define HCHANVIZ_JSON_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Validates value against schema (whose root resolves $refs).  Returns true
 * if it conforms; otherwise false with the first violation in err, naming
 * where: "steps[4].channels[0].qcount: expected integer, found string".
 * A schema using a keyword outside the subset in a way that matters (a $ref
 * that cannot be resolved, a type name it does not know) fails too. */
bool json_schema_validate(const cJSON *schema, const cJSON *value, char *err, size_t cap);

#endif
