// The row kinds live in shared/setting-rows so plugin folders can declare rows without importing
// the table (which joins theirs): this keeps old imports working.
export * from '../setting-rows/setting.js';
