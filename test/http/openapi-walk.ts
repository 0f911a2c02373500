import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../src/http/openapi/document.js';

/** Walking an OpenAPI document in tests: its operations, its examples, and a validator for them. */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function documentOperations(doc: OpenApiDocument): Set<string> {
  const operations = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) if (item[method]) operations.add(`${method} ${path}`);
  }
  return operations;
}

/** JSON-pointer escaping (RFC 6901). */
export const pointer = (...parts: (string | number)[]) =>
  parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export interface ExampleCase {
  readonly where: string;
  /** Pointer to the schema in the document. */
  readonly schema: string;
  readonly value: unknown;
}

/** Every example in the document with the pointer of the schema it must satisfy. */
export function examplesOf(doc: OpenApiDocument): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const fromMedia = (where: string, base: string[], media: Record<string, unknown>) => {
    if (!media.schema) return;
    const schema = `#/${pointer(...base, 'schema')}`;
    if ('example' in media) cases.push({ where, schema, value: media.example });
    for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, { value: unknown }>)) {
      cases.push({ where: `${where} (${name})`, schema, value: example.value });
    }
  };
  const fromSchema = (where: string, base: string[], schema: unknown) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Record<string, unknown>;
    if ('example' in s) cases.push({ where: `${where} example`, schema: `#/${pointer(...base)}`, value: s.example });
    if (Array.isArray(s.examples))
      s.examples.forEach((value, i) =>
        cases.push({ where: `${where} examples[${i}]`, schema: `#/${pointer(...base)}`, value }),
      );
    for (const [key, child] of Object.entries(s)) {
      if (key === 'example' || key === 'examples') continue;
      if (child && typeof child === 'object') fromSchema(`${where}.${key}`, [...base, key], child);
    }
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const at = ['paths', path, method];
      const body = op.requestBody as { content?: Record<string, Record<string, unknown>> } | undefined;
      for (const [type, media] of Object.entries(body?.content ?? {})) {
        fromMedia(`${method} ${path} request ${type}`, [...at, 'requestBody', 'content', type], media);
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const content = (response as { content?: Record<string, Record<string, unknown>> }).content ?? {};
        for (const [type, media] of Object.entries(content)) {
          fromMedia(`${method} ${path} ${status} ${type}`, [...at, 'responses', status, 'content', type], media);
        }
      }
      (op.parameters ?? []).forEach((parameter, i) => {
        const p = parameter as { name: string; schema?: unknown; example?: unknown };
        if ('example' in p && p.schema) {
          cases.push({
            where: `${method} ${path} parameter ${p.name}`,
            schema: `#/${pointer(...at, 'parameters', i, 'schema')}`,
            value: p.example,
          });
        }
        fromSchema(`${method} ${path} parameter ${p.name}`, [...at, 'parameters', String(i), 'schema'], p.schema);
      });
    }
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
    fromSchema(name, ['components', 'schemas', name], schema);
  return cases;
}

export function validatorFor(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: 'https://pymem.invalid/openapi.json' });
  return (schemaPointer: string, value: unknown): ErrorObject[] => {
    const validate = ajv.getSchema(`https://pymem.invalid/openapi.json${schemaPointer}`);
    if (!validate) throw new Error(`no schema at ${schemaPointer}`);
    return validate(value) ? [] : (validate.errors ?? []);
  };
}
