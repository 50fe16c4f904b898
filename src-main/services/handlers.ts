import type { Result } from '../../shared/util/result';
import type {
  MethodName,
  MethodResponse,
  TransportKind,
  ContractMethods,
} from '../../shared/ipc/contract';
import type { ParsedRequestOf } from '../../shared/ipc/define';
import type { IpcErrorCode } from '../../shared/ipc/errors';

/** Who is calling: handlers may log it; neither transport lets the page choose it. */
export type CallContext = {
  readonly transport: TransportKind;
  /** a label for logs, e.g. "webContents 3" or "ws 127.0.0.1:53012" */
  readonly caller: string;
};

export type Handler<M extends MethodName> = (
  request: ParsedRequestOf<ContractMethods[M]>,
  ctx: CallContext,
) => Promise<Result<MethodResponse<M>, IpcErrorCode>>;

/** One handler per contract method; the compiler flags a method without a handler. */
export type Handlers = { readonly [M in MethodName]: Handler<M> };

/** Handlers for a subset of methods whose names start with a prefix, e.g. 'printer.'. */
export type HandlersFor<P extends string> = {
  readonly [M in MethodName as M extends `${P}${string}` ? M : never]: Handler<M>;
};

export type PrinterHandlers = HandlersFor<'printer.'>;
export type ScannerHandlers = HandlersFor<'scanner.'>;
export type StaffHandlers = HandlersFor<'staff.'>;
export type JournalHandlers = HandlersFor<'journal.'>;
