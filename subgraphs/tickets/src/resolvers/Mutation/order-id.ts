import { AppError, ErrorCode, isUuid } from '@sbor/core';

/** Ids are UUIDs: anything else names no order, and is answered like a stranger's. */
export function orderIdOrNotFound(id: string): string {
  if (!isUuid(id)) throw new AppError(ErrorCode.NOT_FOUND, 'Order not found.');
  return id;
}
