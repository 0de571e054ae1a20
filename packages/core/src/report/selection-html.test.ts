import { describe, expect, it } from 'vitest';
import { selectionReportHtml } from './selection-html.js';

describe('selectionReportHtml', () => {
  it('puts the diagram, the text, the exclusions and the strategies on one static page, text escaped', () => {
    const html = selectionReportHtml({
      title: 'Review <A> & B',
      prismaSvg: '<svg xmlns="http://www.w3.org/2000/svg"><text>n = 3</text></svg>',
      paragraphs: [{ item: '16a', heading: 'Results of the search and selection', text: 'The searches found 3 records; <b>not bold</b>.' }],
      excluded: [{ study: 'Smith 2020', title: 'A <script>alert(1)</script> trial', reason: 'Wrong population' }],
      searches: [{ database: 'MEDLINE', platform: 'PubMed', searchedOn: null, records: 3, strategy: 'cancer[mh] AND "tele*"' }],
      generator: 'metasift test',
    });
    expect(html).toContain('<title>Review &lt;A&gt; &amp; B</title>');
    expect(html).toContain('<figure><svg xmlns="http://www.w3.org/2000/svg"><text>n = 3</text></svg></figure>');
    expect(html).toContain('<h2 id="item-16a">Results of the search and selection <span class="item">(PRISMA 2020 item 16a)</span></h2>\n<p>The searches found 3 records; &lt;b&gt;not bold&lt;/b&gt;.</p>');
    expect(html).toContain('<td>A &lt;script&gt;alert(1)&lt;/script&gt; trial</td>');
    expect(html).toContain('<td>not recorded</td><td class="n">3</td><td><span class="code">cancer[mh] AND &quot;tele*&quot;</span></td>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<footer>metasift test</footer>');
  });
  it('leaves out the tables it has nothing for', () => {
    const html = selectionReportHtml({ title: 'T', prismaSvg: '<svg></svg>', paragraphs: [], excluded: [], searches: [] });
    expect(html).not.toContain('<table>');
  });
});
