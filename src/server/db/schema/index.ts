export * from './audit';
export * from './auth';
export * from './contacts';
export * from './deliveries';
export * from './partners';
export * from './workspaces';
