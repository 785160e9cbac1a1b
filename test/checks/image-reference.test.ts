import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkImageReference, parseImageReference } from '../../lib/checks/image-reference';

const SHA256 = `sha256:${'a'.repeat(64)}`;
const SHA512 = `sha512:${'0123456789abcdef'.repeat(8)}`;

describe('parseImageReference', () => {
  it.each([
    ['shop:1.0', { repository: 'shop', tag: '1.0' }],
    ['docker.io/library/nginx:1.25', { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['localhost:5000/a/b:1', { registry: 'localhost:5000', repository: 'a/b', tag: '1' }],
    ['localhost/a:1', { registry: 'localhost', repository: 'a', tag: '1' }],
    ['[::1]:5000/a:v1', { registry: '[::1]:5000', repository: 'a', tag: 'v1' }],
    ['10.0.0.1:5000/team/app_x__y.z--w:V_1.0-rc.1', { registry: '10.0.0.1:5000', repository: 'team/app_x__y.z--w', tag: 'V_1.0-rc.1' }],
    [`ghcr.io/acme/api:1.4.2@${SHA256}`, { registry: 'ghcr.io', repository: 'acme/api', tag: '1.4.2', digest: SHA256 }],
    [`acme/api@${SHA512}`, { repository: 'acme/api', digest: SHA512 }],
    ['acme/api', { repository: 'acme/api' }],
    ['localhost:5000', { repository: 'localhost', tag: '5000' }],
  ])('parses %s', (ref, parts) => {
    expect(parseImageReference(ref)).toEqual(parts);
  });

  it('takes a first component without "." or ":" (other than localhost) for a Docker Hub namespace, not a registry', () => {
    expect(parseImageReference('acme/api:1')).toEqual({ repository: 'acme/api', tag: '1' });
  });

  it('reads back every reference built from the grammar', () => {
    const component = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/).filter((c) => c.length <= 30);
    const ref = fc.record({
      registry: fc.option(fc.constantFrom('ghcr.io', 'localhost:5000', 'registry.example:443', '[fe80::1]:5000', '123.45.67.89'), { nil: undefined }),
      path: fc.array(component, { minLength: 1, maxLength: 4 }),
      tag: fc.option(fc.stringMatching(/^[\w][\w.-]{0,127}$/), { nil: undefined }),
      digest: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256:${h}`), { nil: undefined }),
    });
    fc.assert(fc.property(ref, ({ registry, path, tag, digest }) => {
      const repository = path.join('/');
      const text = `${registry ? `${registry}/` : ''}${repository}${tag !== undefined ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
      const parsed = parseImageReference(text);
      if (registry === undefined && path.length === 1 && /^[a-f0-9]{64}$/.test(repository)) {
        expect(typeof parsed).toBe('string');
        return;
      }
      // Without a registry, a first component with a '.' (or localhost) is read as one, as Docker does.
      const hostLike = registry === undefined && path.length > 1 && (path[0].includes('.') || path[0] === 'localhost');
      if (hostLike && path[0].includes('_')) {
        expect(parsed).toMatch(/names the registry ".*", which is not a host name/);
        return;
      }
      const want = hostLike ? { registry: path[0], repository: path.slice(1).join('/') } : { ...(registry ? { registry } : {}), repository };
      expect(parsed).toEqual({ ...want, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) });
    }), { numRuns: 500 });
  });
});

describe('checkImageReference', () => {
  it.each([
    'shop:1.0.0', `shop:1.0.0@${SHA256}`, `shop@${SHA256}`, `shop:latest@${SHA256}`, 'localhost:5000/a/b:1', 'docker.io/library/nginx:1.25',
    'ghcr.io/acme/api:1.4.2', `registry.example/a/b@${SHA512}`, `r.example/a@sha384:${'f'.repeat(96)}`, `x:${'t'.repeat(128)}`,
  ])('accepts %s', (ref) => {
    expect(checkImageReference(ref, 'image')).toBeUndefined();
  });

  it.each<[unknown, string]>([
    [42, 'image must be a string such as "ghcr.io/acme/api:1.4.2", not the number 42'],
    [undefined, 'image must be a string such as "ghcr.io/acme/api:1.4.2", not undefined'],
    ['', 'image is empty; name an image such as "ghcr.io/acme/api:1.4.2"'],
    ['shop: 1.0', 'image "shop: 1.0" contains whitespace; remove it (an image is written as one word, such as "ghcr.io/acme/api:1.4.2")'],
    ['shop:1.0\n', 'image "shop:1.0\\n" contains whitespace; remove it (an image is written as one word, such as "ghcr.io/acme/api:1.4.2")'],
    ['registry.example/Web/Shop:1.0.0', 'image "registry.example/Web/Shop:1.0.0" has upper-case letters in its repository path "Web/Shop", which registries refuse; use "registry.example/web/shop:1.0.0"'],
    ['Acme/api:1', 'image "Acme/api:1" has upper-case letters in its repository path "Acme/api", which registries refuse; use "acme/api:1"'],
    ['shop:', 'image "shop:" has an empty tag after \':\'; pin a version such as "shop:1.0.0", or remove the \':\''],
    ['shop:.1', 'image "shop:.1" has the tag ".1", which is not a tag (letters, digits, \'_\', \'.\' and \'-\', not starting with \'.\' or \'-\'); fix the tag, such as "shop:1.0.0"'],
    [`shop:${'t'.repeat(129)}`, `image "shop:${'t'.repeat(129)}" has a tag of 129 characters; tags are at most 128`],
    ['shop@sha256:xyz', 'image "shop@sha256:xyz" has the digest "sha256:xyz", which is not 64 hex digits after "sha256:"; copy the full digest the registry reports, such as "shop@sha256:" followed by 64 hex digits'],
    ['shop@', 'image "shop@" has an empty digest after \'@\'; copy the full digest the registry reports, such as "shop@sha256:" followed by 64 hex digits, or remove the \'@\''],
    ['shop@abc', 'image "shop@abc" has the digest "abc", which is not an algorithm and hex digits; copy the full digest the registry reports, such as "shop@sha256:" followed by 64 hex digits'],
    [`shop@md5:${'a'.repeat(32)}`, 'image "shop@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" has a digest of algorithm "md5", which container runtimes do not verify (sha256, sha384, sha512); use the sha256 digest the registry reports'],
    [`shop@sha256:${'A'.repeat(64)}`, `image "shop@sha256:${'A'.repeat(64)}" has a digest in upper-case hex, which runtimes refuse; write it in lower case: "sha256:${'a'.repeat(64)}"`],
    [`shop@${SHA256}@${SHA256}`, `image "shop@${SHA256}@${SHA256}" has the digest "${SHA256}@${SHA256}", which is not an algorithm and hex digits; copy the full digest the registry reports, such as "shop@sha256:" followed by 64 hex digits`],
    ['shop', 'image "shop" has no tag or digest, so it means ":latest"; pin a version such as "shop:1.0.0" or a digest ("shop@sha256:..."), so every cluster runs the same build'],
    ['ghcr.io/acme/api', 'image "ghcr.io/acme/api" has no tag or digest, so it means ":latest"; pin a version such as "ghcr.io/acme/api:1.0.0" or a digest ("ghcr.io/acme/api@sha256:..."), so every cluster runs the same build'],
    ['shop:latest', 'image "shop:latest" uses the tag "latest", which moves with every push: clusters and nodes pulling at different times would run different builds; pin a version such as "shop:1.0.0" or a digest ("shop@sha256:...")'],
    ['ghcr.io//api:1', 'image "ghcr.io//api:1" has an empty path component (a leading, trailing or doubled \'/\'); remove the extra \'/\''],
    ['ghcr.io/-api:1', 'image "ghcr.io/-api:1" has the path component "-api", which is not lower-case letters and digits separated by \'.\', \'_\', \'__\' or \'-\'; fix the repository path'],
    ['ghcr.io/a...b:1', 'image "ghcr.io/a...b:1" has the path component "a...b", which is not lower-case letters and digits separated by \'.\', \'_\', \'__\' or \'-\'; fix the repository path'],
    ['reg-.example/a:1', 'image "reg-.example/a:1" names the registry "reg-.example", which is not a host name or IP address with an optional port (such as "registry.example:5000"); fix the registry'],
    [`a/${'b'.repeat(254)}:1`, `image "a/${'b'.repeat(254)}:1" has a repository path of 256 characters; registries allow at most 255`],
    ['a'.repeat(64), `image "${'a'.repeat(64)}" is a 64-digit hex string, which runtimes take for an image id, not a repository; name the repository, such as "ghcr.io/acme/api:1.4.2"`],
  ])('refuses %j', (ref, message) => {
    expect(checkImageReference(ref, 'image')).toBe(message);
  });

  it('prefixes the problem with what it checks', () => {
    expect(checkImageReference('shop', 'override "prod-us-east-1" image')).toMatch(/^override "prod-us-east-1" image "shop" has no tag or digest/);
  });
});
