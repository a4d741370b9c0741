/**
 * Exact non-negative-or-negative rationals over bigint, always reduced, denominator > 0. Money in
 * participatory budgeting is split among voters (an envelope / n each) and paid in shares of a
 * cost, so amounts stop being whole cents at once; floating point would let a rule overspend by a
 * rounding error or fund a project its supporters cannot quite pay for.
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('division by zero');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const divisor = gcd(num < 0n ? -num : num, den);
    return divisor === 1n ? new Rational(num, den) : new Rational(num / divisor, den / divisor);
  }

  /** "1500", "1500.25", "-3" (no exponent): the exact value. */
  static parse(text: string): Rational {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (match === null) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
    const [, sign, whole, fraction = ''] = match;
    const value = Rational.of(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
    return sign === '-' ? value.neg() : value;
  }

  add(other: Rational): Rational {
    return this.den === other.den ? Rational.of(this.num + other.num, this.den) : Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return this.add(other.neg());
  }

  mul(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  cmp(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  lt(other: Rational): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: Rational): boolean {
    return this.cmp(other) <= 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** Exact decimal when the value has one ("12.5"), else the fraction ("10/3"). */
  toString(): string {
    if (this.den === 1n) return this.num.toString();
    let den = this.den;
    let twos = 0n;
    let fives = 0n;
    while (den % 2n === 0n) {
      den /= 2n;
      twos += 1n;
    }
    while (den % 5n === 0n) {
      den /= 5n;
      fives += 1n;
    }
    if (den !== 1n) return `${this.num}/${this.den}`;
    const digits = twos > fives ? twos : fives;
    const scaled = (this.num * 10n ** digits) / this.den;
    const negative = scaled < 0n;
    const text = (negative ? -scaled : scaled).toString().padStart(Number(digits) + 1, '0');
    return `${negative ? '-' : ''}${text.slice(0, -Number(digits))}.${text.slice(-Number(digits)).replace(/0+$/, '')}`;
  }

  /** A JSON number when exact and safe, else the string (`toString`). */
  toJSON(): number | string {
    const text = this.toString();
    const value = Number(text);
    return /^-?\d+(\.\d+)?$/.test(text) && Number.isSafeInteger(Math.trunc(value)) && String(value) === text ? value : text;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
