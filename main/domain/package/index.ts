/** The filing package format (备案包): pure rules, shared by the writer, the verifier and the UI. */
export * from './constants';
export * from './refusals';
export * from './paths';
export * from './bagit';
export * from './schema';
export * from './report';
export * from './keys';
export * from './history';
export * from './outcomes';
export * from './change-report';
