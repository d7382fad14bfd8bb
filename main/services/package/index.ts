/** Filing packages: key store, build + sign + seal, verify, accept, filing history. */
export { createKeyService, type KeyService } from './key-service';
export { createPackageService, type PackageService, type PayloadContributor, type BuildInput } from './package-service';
export { verifyPackage, type TrustAnchor, type VerifyOptions } from './verify';
export { bureauTemplateContributor } from './template-contributor';
