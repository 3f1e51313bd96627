export * from './audit';
export * from './auth';
export * from './contacts';
export * from './deliveries';
export * from './limits';
export * from './partners';
export * from './timeline';
export * from './workspaces';
