/**
 * electron-builder.yml: valid for electron-builder 26's own schema, every fuse set as
 * docs/ELECTRON-SECURITY.md requires, the targets, asar, and which files the package would hold
 * (using app-builder-lib's own file matcher, the way it filters production node_modules).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML document, checked field by field below
const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;

// app-builder-lib is electron-builder's own library; resolve it through electron-builder.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const { validateSchema } = builderRequire('app-builder-lib/out/util/config/schemaValidator') as {
  validateSchema(schema: unknown, data: unknown, opts?: unknown): void;
};
const { FileMatcher } = builderRequire('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => {
    createFilter(): (file: string, stat: { moduleFullFilePath?: string; isDirectory(): boolean }) => boolean;
  };
};
const schema = builderRequire('app-builder-lib/scheme.json');
const schemaFuses = Object.keys(schema.definitions.FuseOptionsV1.properties as object);

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26 (app-builder-lib scheme.json)', () => {
    expect(builderRequire('app-builder-lib/package.json').version).toMatch(/^26\./);
    expect(() => validateSchema(schema, structuredClone(config), { name: 'electron-builder' })).not.toThrow();
    // control: the validator does refuse a misspelt fuse or an unknown key
    const misspelt = structuredClone(config);
    misspelt.electronFuses.runAsNod = false;
    expect(() => validateSchema(schema, misspelt)).toThrow(/electronFuses/);
    const unknown = structuredClone(config);
    unknown.nsis.oneclick = false;
    expect(() => validateSchema(schema, unknown)).toThrow(/nsis/);
  });

  it('sets every fuse as required, with the exact schema keys', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    for (const k of Object.keys(config.electronFuses)) expect(schemaFuses).toContain(k);
    // every fuse the schema knows is decided, except the macOS-only signature reset
    expect(schemaFuses.filter((k) => !(k in config.electronFuses))).toEqual(['resetAdHocDarwinSignature']);
  });

  it('identifies the app and writes to release/', () => {
    expect(config.appId).toBe('cn.gov.datasteward.workstation');
    expect(config.productName).toBe('DataSteward');
    expect(config.directories.output).toBe('release');
    expect(config.extraMetadata.main).toBe('dist/main/electron.cjs');
    expect(config.publish).toBeNull();
    expect(config.protocols).toBeUndefined();
    expect(config.fileAssociations).toBeUndefined();
  });

  it('packs into an asar archive with native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(false);
  });

  it('builds an NSIS installer for Windows x64 in Chinese, with a choice of directory', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds deb and AppImage for x64 and arm64, category Office', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
  });

  it('ships dist and package.json, no source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json', '!dist/**/*.map']));
  });
});

describe('what the package holds of node_modules (app-builder-lib FileMatcher)', () => {
  /** As computeNodeModuleFileSets does: `**` then the "!" patterns of files and of the platform. */
  function filterFor(platform: 'win' | 'linux', arch: string) {
    const excludes = [...config.files, ...config[platform].files].filter((p: string) => p.startsWith('!'));
    const matcher = new FileMatcher('/src', '/app', (s) => s.replace('${arch}', arch), ['**/*', ...excludes]);
    const filter = matcher.createFilter();
    return (rel: string) => filter(`/abs/${rel}`, { moduleFullFilePath: rel, isDirectory: () => !/\.[a-z0-9]+$/i.test(rel) });
  }
  const B = 'node_modules/better-sqlite3-multiple-ciphers';

  it.each([
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['win', 'x64'],
  ] as const)('%s %s: the SQLite module with its own prebuilt binary, nothing else', (platform, arch) => {
    const keep = filterFor(platform, arch);
    const own = `${platform === 'win' ? 'win32' : 'linux'}-${arch}.node`;
    expect(keep(`${B}/package.json`)).toBe(true);
    expect(keep(`${B}/lib/index.js`)).toBe(true);
    expect(keep(`${B}/lib/binding.js`)).toBe(true);
    expect(keep(`${B}/prebuilds/${own}`)).toBe(true);
    for (const other of fs.readdirSync(`${B}/prebuilds`).filter((f) => f !== own)) {
      expect(keep(`${B}/prebuilds/${other}`), other).toBe(false);
    }
    for (const gone of [
      `${B}/deps/sqlite3/sqlite3.c`,
      `${B}/src/better_sqlite3.cpp`,
      `${B}/binding.gyp`,
      'node_modules/zod/index.js',
      'node_modules/hash-wasm/dist/index.umd.js',
      'node_modules/sm-crypto-v2/dist/index.js',
      'node_modules/@noble/curves/index.js',
      'node_modules/node-addon-api/napi.h',
      'node_modules/node/bin/node',
      'node_modules/electron/index.js',
    ]) {
      expect(keep(gone), gone).toBe(false);
    }
  });

  it('the production dependencies that are left out are all inside the bundles', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    // bundle.test.ts proves that only better-sqlite3-multiple-ciphers stays external.
    const shipped = Object.keys(pkg.dependencies).filter((d) => filterFor('linux', 'x64')(`node_modules/${d}/package.json`));
    expect(shipped).toEqual(['better-sqlite3-multiple-ciphers']);
  });

  it('the prebuilt binaries the matcher keeps exist in the installed package', () => {
    for (const f of ['linux-x64.node', 'linux-arm64.node', 'win32-x64.node']) expect(fs.existsSync(`${B}/prebuilds/${f}`), f).toBe(true);
  });
});
