/** Filing packages: key store, build + sign + seal, verify, accept, filing history. */
export { createKeyService, type KeyService } from './key-service';
export { createPackageService, packageContentOf, type PackageService, type PayloadContributor, type PackageContent, type BuildInput } from './package-service';
export { verifyPackage, type TrustAnchor, type VerifyOptions } from './verify';
export { bureauTemplateContributor } from './template-contributor';
export { servePayloadPreparation, createPayloadPreparer, type PayloadPreparer } from './payload-prep';
