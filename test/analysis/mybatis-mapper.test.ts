/**
 * MyBatis mappers (HELDOUT7 #28): each statement element is an embedded SQL site whose text maps back to the file.
 * The rules' findings on these sites are pinned in test/rules/no-cross-service-query.test.ts and parse-error.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { embeddedToFileSpan } from '../../src/analysis/locate.js';
import { mayBeMyBatisMapper, parseMyBatisMapper } from '../../src/analysis/mybatis-mapper.js';
import { holePlaceholder } from '../../src/analysis/sql/hole.js';

/** The file text a span of the site's SQL maps back to. */
const source = (file: string, site: ReturnType<typeof parseMyBatisMapper>[number], sql: string) => {
  const start = site.text.indexOf(sql);
  expect(start).toBeGreaterThanOrEqual(0);
  const span = embeddedToFileSpan(site, { start, end: start + sql.length });
  return file.slice(span.start, span.end);
};

describe('MyBatis mappers', () => {
  it('reads mapper and SQL-map documents only', () => {
    expect(mayBeMyBatisMapper('a/InvoiceMapper.xml', '<mapper namespace="a">')).toBe(true);
    expect(mayBeMyBatisMapper('a/Orders_SqlMap.xml', '<sqlMap namespace="a">')).toBe(true);
    expect(mayBeMyBatisMapper('a/InvoiceMapper.java', '<mapper namespace="a">')).toBe(false);
    expect(mayBeMyBatisMapper('a/mapper/logback.xml', '<configuration><mapperx/></configuration>')).toBe(false);
    expect(parseMyBatisMapper('<configuration><select id="x">SELECT 1 FROM t</select></configuration>')).toEqual([]);
  });

  it('turns #{…} into a bound ?, ${…} into a hole, decodes entities and keeps CDATA as written, each mapped to the file', () => {
    const file = [
      '<mapper namespace="a.InvoiceMapper">',
      '  <select id="due">SELECT id FROM invoices WHERE due_at &lt; #{now,jdbcType=TIMESTAMP} ORDER BY ${column}</select>',
      '  <update id="touch"><![CDATA[UPDATE invoices SET n = n + 1 WHERE n < #{max}]]></update>',
      '</mapper>',
    ].join('\n');
    const [select, update] = parseMyBatisMapper(file);
    expect(select).toMatchObject({
      text: `SELECT id FROM invoices WHERE due_at < ? ORDER BY ${holePlaceholder(0)}`,
      callee: 'mybatis <select>',
      via: 'callee',
    });
    expect(file.slice(select.fileSpan.start, select.fileSpan.end)).toMatch(/^<select id="due">.*<\/select>$/);
    expect(source(file, select, 'invoices')).toBe('invoices');
    expect(source(file, select, '< ?')).toBe('&lt; #{now,jdbcType=TIMESTAMP}');
    expect(source(file, select, '?')).toBe('#{now,jdbcType=TIMESTAMP}');
    expect(source(file, select, holePlaceholder(0))).toBe('${column}');
    expect(update).toMatchObject({ text: 'UPDATE invoices SET n = n + 1 WHERE n < ?', callee: 'mybatis <update>', via: 'callee' });
    expect(source(file, update, 'n < ?')).toBe('n < #{max}');
  });

  it("replaces an <include> by its fragment's text, located at the <include>; skips <selectKey>; reads dynamic statements as fragments", () => {
    const file = [
      '<mapper namespace="a.VisitMapper">',
      '  <sql id="from">FROM visits v <include refid="a.VisitMapper.join"/></sql>',
      '  <sql id="join">JOIN patients p ON p.id = v.patient_id</sql>',
      '  <sql id="loop">x <include refid="loop"/></sql>',
      '  <select id="all">SELECT v.id <include refid="from"/></select>',
      '  <select id="some">SELECT v.id <include refid="from"/><where><if test="p">AND v.p = #{p}</if></where></select>',
      '  <insert id="add"><selectKey keyProperty="id">SELECT nextval(\'s\')</selectKey>INSERT INTO visits (id) VALUES (#{id})</insert>',
      '  <select id="cycle">SELECT <include refid="loop"/></select>',
      '  <select id="other">SELECT * <include refid="b.OtherMapper.from"/></select>',
      '</mapper>',
    ].join('\n');
    const [all, some, add, cycle, other] = parseMyBatisMapper(file);
    expect(all.text.replace(/\s+/g, ' ')).toBe('SELECT v.id FROM visits v JOIN patients p ON p.id = v.patient_id ');
    expect(all.via).toBe('callee');
    expect(source(file, all, 'patients')).toBe('<include refid="from"/>');
    expect(some.via).toBe('fragment');
    expect(some.text.replace(/\s+/g, ' ')).toBe('SELECT v.id FROM visits v JOIN patients p ON p.id = v.patient_id WHERE AND v.p = ?');
    expect(source(file, some, 'WHERE')).toBe('<where>');
    expect(add).toMatchObject({ text: 'INSERT INTO visits (id) VALUES (?)', via: 'callee' });
    // A fragment that includes itself: read once, then a hole.
    expect(cycle.via).toBe('fragment');
    expect(cycle.text.replace(/\s+/g, ' ')).toBe(`SELECT x ${holePlaceholder(0)} `);
    expect(other.via).toBe('fragment');
    expect(source(file, other, holePlaceholder(0))).toBe('<include refid="b.OtherMapper.from"/>');
  });

  it('never throws on broken or hostile XML (linear: test/e2e/linear-regexes.test.ts)', () => {
    expect(parseMyBatisMapper('<mapper><select id="x">SELECT 1 FROM t')).toMatchObject([{ text: 'SELECT 1 FROM t' }]);
    expect(parseMyBatisMapper('<mapper><select id="x"><![CDATA[SELECT 1 FROM t')).toMatchObject([{ text: 'SELECT 1 FROM t' }]);
    expect(parseMyBatisMapper('<mapper><select id="x>SELECT 1</select></mapper>')).toEqual([]);
    expect(parseMyBatisMapper('<mapper><select>#{a ${b</select></mapper>')).toMatchObject([{ text: '#{a ${b' }]);
    const deep = `<mapper><select id="x">${'<if test="a">'.repeat(5000)}SELECT 1${'</if>'.repeat(5000)}</select></mapper>`;
    expect(() => parseMyBatisMapper(deep)).not.toThrow();
  });
});
