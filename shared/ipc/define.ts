import type { z } from 'zod';

/**
 * A contract method: the request the renderer sends and the response main returns.
 * Both sides validate against these schemas, so the contract is the only source of truth.
 */
export type MethodDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> = {
  readonly request: Req;
  readonly response: Res;
};

/** A contract event: pushed main → renderer, validated on both ends. */
export type EventDef<P extends z.ZodType = z.ZodType> = { readonly payload: P };

export type MethodMap = Readonly<Record<string, MethodDef>>;
export type EventMap = Readonly<Record<string, EventDef>>;

/** Declares a method; the identity function exists so inference keeps the exact schema types. */
export function method<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): MethodDef<Req, Res> {
  return { request, response };
}

/** Declares an event. */
export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { payload };
}

/** Declares a group of methods while keeping the literal keys and schema types. */
export function defineMethods<const M extends MethodMap>(methods: M): M {
  return methods;
}

/** Declares a group of events while keeping the literal keys and schema types. */
export function defineEvents<const E extends EventMap>(events: E): E {
  return events;
}

export type RequestOf<D extends MethodDef> = z.input<D['request']>;
export type ParsedRequestOf<D extends MethodDef> = z.output<D['request']>;
export type ResponseOf<D extends MethodDef> = z.output<D['response']>;
export type PayloadOf<D extends EventDef> = z.output<D['payload']>;
