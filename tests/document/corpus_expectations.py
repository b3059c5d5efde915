"""What a careful editor marks on each plain-text and Markdown article of ../shared/corpus.

One row per article: title, published date, source, authors, dateline (the place) and
standfirst, read from the article itself (SOURCES.md's credits confirm the titles). A field
the article does not carry is empty: the parser cannot know a title that is not in the text,
so an article without a headline gets its file name (`FILE_NAME`), as the reader shows it.

`KNOWN_WRONG` lists, per article and field, what the parser still gets wrong and why; the
test expects exactly those to fail (a fixed one must be taken off the list), so the score
printed by tests/document/test_corpus_expectations.py is honest.
"""

from __future__ import annotations

FILE_NAME = object()  # the title is the file name's stem: the article has no headline
FIELDS = ("title", "published", "source", "authors", "dateline", "standfirst")


def row(
    title: object,
    published: str | None = None,
    source: str = "",
    authors: tuple[str, ...] = (),
    dateline: str = "",
    standfirst: str = "",
) -> dict[str, object]:
    return {
        "title": title,
        "published": published,
        "source": source,
        "authors": list(authors),
        "dateline": dateline,
        "standfirst": standfirst,
    }


EXPECTED: dict[str, dict[str, object]] = {
    # --- BBC dataset: title on line 1, nothing else marked ---
    "bbc-business-509.txt": row("Euro firms miss out on optimism"),
    "bbc-entertainment-368.txt": row("Critics back Aviator for Oscars"),
    "bbc-politics-361.txt": row("Budget to set scene for election"),
    "bbc-sport-180.txt": row("Brentford v Southampton"),
    "bbc-sport-320.txt": row("France v Wales (Sat)"),
    "bbc-tech-379.txt": row("Apple laptop is 'greatest gadget'"),
    "derived-crlf-bbc-tech-100.txt": row("Honour for UK games maker"),
    # --- a book ---
    "book-moby-dick-pg2701-cp1252.txt": row(
        "Moby Dick; Or, The Whale", source="Project Gutenberg", authors=("Herman Melville",)
    ),
    # --- newspaper extraction fixtures: no headline line ---
    "derived-cp1252-tnr-story.txt": row(FILE_NAME),  # a letter: "Friend," then the body
    "news-chinese-hk-leung.txt": row(FILE_NAME),
    "news-dailycaller-related-tweets-credit.txt": row(FILE_NAME),  # "Sports" is a section label
    "news-fox13now-cnn-dateline-new-laws.txt": row(FILE_NAME, source="CNN", dateline="WASHINGTON"),
    "news-foxnews-oscar-isaac.txt": row(FILE_NAME),  # line 1 is an AP photo caption
    "news-pe-share-prompts-caption.txt": row(
        "PERRIS: Woman ordered hit on father of her child, police say"
    ),
    "news-thedebrief-byline-role-getty.txt": row(
        "Ed Sheeran Wants To Set Up Taylor Swift, But We’re Not So Sure About His"
        " Matchmaking Skills",
        source="The Debrief",
        authors=("Lena deCasparis",),
        standfirst="Ed put the cupid bow and arrow down, and stick to playing the guitar",
    ),
    "wire-reuters-london-ebola-glasgow.txt": row(
        FILE_NAME,  # line 1 is a slideshow caption "1 of 2. ..."
        source="Reuters",
        authors=("Andy Bruce", "Ankur Banerjee"),
        dateline="LONDON",
    ),
    # --- wire copy ---
    "reuters21578-0340-italian-boom.txt": row(
        "ECONOMIC SPOTLIGHT - ITALIAN BOOM",
        source="Reuters",
        authors=("Jane Leach",),
        dateline="ROME",
    ),
    "wire-reuters-gold-jan30-newsml.txt": row(
        "PRECIOUS-Gold rises as Trump policy fuels safe haven demand",
        source="Reuters",
        authors=("Arpan Varghese",),
    ),
    "wire-ap-anpa-heat-hawks-writethru.txt": row(
        "Deng has 30 points, short-handed Heat beat Hawks 115-111",
        source="AP",
        authors=("Charles Odum",),
        dateline="ATLANTA",
        # The transmission's abstract (a `^…<` header line under the headline).
        standfirst="Luol Deng scored 30 points and Josh McRoberts had 19 _ season highs for each"
        " player _ and the Miami Heat, playing without All-Stars Dwyane Wade and Chris Bosh, beat"
        " the Atlanta Hawks 115-111 on Friday night. Wade was ruled out about an hour before the"
        " game due to soreness in the back of his left knee.",
    ),
    # --- other languages ---
    "livedoor-topic-news-5903225.txt": row(
        "悪評が次から次へと溢れ出る川越シェフ",
        published="2011-10-02",
    ),
    "news-aljazeera-gaza-liveblog-tweets.txt": row(
        "Israel’s war on Gaza updates: ‘Extreme hunger’ in Gaza as Ramadan begins"
    ),
    "news-de-nzz-nahost-liveticker.txt": row(
        "Israel und Gaza: News und Entwicklungen im Nahostkonflikt",
        standfirst="Die wichtigsten Neuigkeiten zum Gaza-Krieg im Überblick",
    ),
    "news-es-elpais-deportation-centres.txt": row(
        "Bruselas sondea la apertura de centros de deportación fuera de la Unión Europea",
        standfirst="La Comisión endurecerá la regulación sobre deportaciones mientras"
        " analiza el polémico modelo de Italia en Albania como una de las “soluciones"
        " innovadoras” frente a la migración irregular",
    ),
    "news-fr-lefigaro-ukraine-point.txt": row(
        "Guerre en Ukraine : la Russie affirme avoir fait échouer la campagne militaire"
        " ukrainienne pour 2025",
        standfirst="LE POINT SUR LA SITUATION - «Nous avons pratiquement fait échouer"
        " toute leur campagne pour 2025», a affirmé le ministre russe de la Défense,"
        " Andreï Belooussov, selon une vidéo diffusée par l’armée russe.",
    ),
    "news-hi-jagran-agra-swami.txt": row(
        "22 जनवरी से सतयुग की शुरुआत…, स्वामी अधोक्षजानंद ने प्राण प्रतिष्ठा पर सवाल उठाने वालों को लपेटा, नसीहत में कह दी बड़ी बात",
        source="जागरण संवाददाता",
        dateline="आगरा",
        standfirst="Swami Adhokshajanand Tirthadev - गोवर्धन मठ के स्वामी अधोक्षजानंद तीर्थदेव ने राम मंदिर प्राण प्रतिष्ठा में धर्म गुरुओं के विरोध की बातों का खंडन किया है। उनका कहना है कि जो लोग भ्रामक अफवाह फैला रहे हैं समय आने पर उन्हें जवाब दिया जाएगा। 22 जनवरी का दिन सतयुग की शुरुआत जैसा होगा। पूरा देश इसे महापर्व की तरह मनाएगा।",
    ),
    "news-ja-mainichi-multicity-signoff.txt": row(
        "イスラエルとハマスの停戦「最も合意に近い」 最終案に双方同意か",
        authors=("松岡大地", "金子淳"),
        dateline="エルサレム/カイロ",
    ),
    "news-ja-yomiuri-seoul-dateline.txt": row(
        "韓国が戒厳令、尹大統領「野党が反国家行為」…「従北勢力を清算」「共産勢力から国守る」",
        authors=("小池和樹",),
        dateline="ソウル",
    ),
    "talaa-arabic-elkhabar-world2.txt": row(
        "الرئيس المنتهية"
        " ولايته مصمم على"
        " إنهاء مشاريعه"
        " السابقة : حملة"
        " الرئاسيات في"
        " السنغال تنطلق"
        " وسط تحالف للمعارضة"
        " ضد واد",
        source="الخبر",
    ),
    # --- Markdown posts ---
    "guide-opensource-finding-users-zh-hans.md": row(
        "为项目寻找合适的用户",
        standfirst="通过找到称心如意的用户，帮助开源项目成长。",
    ),
    "post-go-gif-decoder.md": row(
        "A GIF decoder: an exercise in Go interfaces",
        published="2011-05-25",
        authors=("Rob Pike",),
        standfirst="How Go's interfaces work nicely in the Go GIF decoder.",
    ),
    "post-hugo-http2-server-push.md": row(
        "HTTP/2 Server Push in Hugo",
        published="2017-07-24",
        authors=("bep",),
        standfirst="As every page in Hugo can be output to multiple formats, it is easy to create"
        " Netlify's _redirects and _headers files on the fly.",
    ),
    "post-jekyll-3-3-is-here.md": row(
        "Jekyll 3.3 is here with better theme support, new URL filters, and tons more",
        published="2016-10-06",
        authors=("parkr",),
    ),
    "post-julia-rr-toml-tuples-def-rawhtml.md": row(
        "Julia 1.5 Feature Preview: Time Traveling (Linux) Bug Reporting",
        published="2020-05-02",
        authors=("Keno Fischer",),
        standfirst="Julia 1.5 is gaining a cool new bug reporting capability, leveraging mozilla's"
        " rr project to automatically create fully-reproducible bug reports",
    ),
    "post-mkdocs-material-exclusion-content-tabs.md": row(
        "Excluding content from search",
        published="2021-09-26",
        authors=("squidfunk",),
        standfirst="Three new simple ways to exclude dedicated parts of a document from the search"
        " index, allowing for more fine-grained control",
    ),
    "post-react-canaries.md": row(
        "React Canaries: Enabling Incremental Feature Rollout Outside Meta",
        published="2023-05-03",
        authors=(
            "Dan Abramov",
            "Sophie Alpert",
            "Rick Hanlon",
            "Sebastian Markbage",
            "Andrew Clark",
        ),
        standfirst="We'd like to offer the React community an option to adopt individual new"
        " features as soon as their design is close to final, before they're released in a stable"
        " version--similar to how Meta has long used bleeding-edge versions of React internally."
        " We are introducing a new officially supported Canary release channel. It lets curated"
        " setups like frameworks decouple adoption of individual React features from the React"
        " release schedule.",
    ),
    "post-rust-1.73.0.md": row(
        "Announcing Rust 1.73.0", published="2023-10-05", authors=("The Rust Release Team",)
    ),
    "post-simonw-til-datasette-long-code-url.md": row(
        "Searching all columns of a table in Datasette"
    ),
    "post-textual-1.0-admonitions-html-footnotes.md": row(
        "Algorithms for high performance terminal apps",
        published="2024-12-12",
        authors=("willmcgugan",),
    ),
    "post-vite-8.1-containers-nested-yaml.md": row(
        "Vite 8.1 is out!", published="2026-06-23", authors=("The Vite Team",)
    ),
}

# (article, field) -> why the parser still gets it wrong. Take an entry off when it is fixed.
KNOWN_WRONG: dict[tuple[str, str], str] = {}
