import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * A tiny identity provider for tests: its own key pairs, its JWKS served over real HTTP
 * (so the authorizer fetches keys as API Gateway does), and real signed tokens.
 */
export interface TestIssuer {
  /** Also the base of the JWKS URL, as the authorizer's default expects. */
  issuer: string;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  stop(): Promise<void>;
}

export interface SignOptions {
  /** Defaults to the published key; `stranger` signs with an unpublished key under the same kid. */
  key?: 'published' | 'stranger' | 'ec';
  kid?: string | null;
  issuer?: string;
  audience?: string | string[] | null;
  /** Seconds from now; negative = already expired. */
  expiresIn?: number | null;
}

export const KID = 'test-key-1';

export async function startTestIssuer(audience: string): Promise<TestIssuer> {
  const published = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const jwks: { keys: JWK[] } = {
    keys: [
      { ...(await exportJWK(published.publicKey)), kid: KID, alg: 'RS256', use: 'sig' },
      // Published too, so an ES256 token fails on the algorithm rule, not on a missing key.
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-key', alg: 'ES256', use: 'sig' },
    ],
  };
  const server: Server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const keys: Record<NonNullable<SignOptions['key']>, { key: CryptoKey; alg: string; kid: string }> = {
    published: { key: published.privateKey, alg: 'RS256', kid: KID },
    stranger: { key: stranger.privateKey, alg: 'RS256', kid: KID },
    ec: { key: ec.privateKey, alg: 'ES256', kid: 'ec-key' },
  };
  return {
    issuer,
    async sign(claims, options = {}) {
      const { key, alg, kid } = keys[options.key ?? 'published'];
      const chosenKid = options.kid === undefined ? kid : options.kid;
      let jwt = new SignJWT(claims).setProtectedHeader({ alg, ...(chosenKid ? { kid: chosenKid } : {}) }).setIssuedAt().setIssuer(options.issuer ?? issuer);
      const aud = options.audience === undefined ? audience : options.audience;
      if (aud !== null) jwt = jwt.setAudience(aud);
      const expiresIn = options.expiresIn === undefined ? 300 : options.expiresIn;
      if (expiresIn !== null) jwt = jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
      return jwt.sign(key);
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
