import { describe, expect, it } from '@jest/globals';
import { displayNameOf, keepClaims, safeReturnPath } from './oidc-claims.js';

describe('keepClaims', () => {
  const all = ['given_name', 'family_name', 'birthdate', 'email'] as const;

  it('keeps the configured claims, trimmed, and a verified email only', () => {
    expect(keepClaims(all, { sub: 'x', given_name: ' Marie Claire ', family_name: 'Dupont', birthdate: '1980-02-29', email: 'm@example.org', email_verified: true, phone_number: '+33' })).toEqual({
      givenName: 'Marie Claire',
      familyName: 'Dupont',
      birthDate: '1980-02-29',
      email: 'm@example.org',
    });
    expect(keepClaims(all, { email: 'm@example.org', email_verified: false }).email).toBeNull();
    expect(keepClaims(all, { email: 'm@example.org' }).email).toBeNull();
  });

  it('leaves out what the deployment did not ask for', () => {
    expect(keepClaims(['given_name'], { given_name: 'Ana', family_name: 'Lopez', birthdate: '1990-01-01' })).toEqual({ givenName: 'Ana', familyName: null, birthDate: null, email: null });
  });

  it('refuses partial or impossible birth dates and non-strings', () => {
    expect(keepClaims(all, { birthdate: '0000-03-22' }).birthDate).toBeNull();
    expect(keepClaims(all, { birthdate: '1980' }).birthDate).toBeNull();
    expect(keepClaims(all, { birthdate: '1980-13-40' }).birthDate).toBeNull();
    expect(keepClaims(all, { given_name: 42, family_name: '' })).toMatchObject({ givenName: null, familyName: null });
  });
});

describe('displayNameOf', () => {
  it('joins the names, or falls back', () => {
    expect(displayNameOf({ givenName: 'Ana', familyName: 'Lopez', birthDate: null, email: null }, 'Resident')).toBe('Ana Lopez');
    expect(displayNameOf({ givenName: null, familyName: null, birthDate: null, email: null }, 'Resident')).toBe('Resident');
  });
});

describe('safeReturnPath', () => {
  it('accepts paths of this site', () => {
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath('/referendums/1?x=2#y')).toBe('/referendums/1?x=2#y');
  });

  it('refuses other sites and odd characters', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'relative', '/a\nb', `/${'a'.repeat(600)}`]) expect(safeReturnPath(bad)).toBeNull();
  });
});
