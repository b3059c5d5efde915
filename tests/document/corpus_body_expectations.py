"""What is body text and what is furniture in each article of ../shared/corpus, as an editor
marks it (the proof of issue #15's "no furniture left in the body, no body paragraph folded").

One row per article, written by reading the article:

* `present`: real body sentences (or the start of one) that must be body text, never inside
  a folded block;
* `folded`: every piece of furniture the article has (share and follow prompts, captions,
  credits, related links, newsletter and channel prompts, wire notes, rules, licences), each
  of which must be inside a folded block; and every folded block must hold one of them, so
  nothing else is folded away;
* `headings`: the crossheads of a plain-text article in order (None: not checked), so stat
  lines, list lines and tweets are not read as headings;
* `not_headings`: lines that must stay body text and not be headings.

Snippets are compared with runs of whitespace collapsed to one space. `KNOWN_WRONG` lists
(article, check) pairs the parser still gets wrong, with why; the test expects exactly those
to fail (strictly), so a fixed one must come off the list.
"""

from __future__ import annotations


def body(
    present: tuple[str, ...] = (),
    folded: tuple[str, ...] = (),
    headings: tuple[str, ...] | None = None,
    not_headings: tuple[str, ...] = (),
) -> dict[str, object]:
    return {
        "present": present,
        "folded": folded,
        "headings": headings,
        "not_headings": not_headings,
    }


BODY: dict[str, dict[str, object]] = {
    "bbc-business-509.txt": body(
        present=(
            "More than 90% of large companies around the world are highly optimistic about their econom",
            "Already, about 28% of the bosses polled for the survey say that they have moved parts of t",
            "For the survey, PricewaterhouseCoopers interviewed 1,324 chief executives throughout the w",
        ),
        headings=(),
    ),
    "bbc-entertainment-368.txt": body(
        present=(
            "Martin Scorsese's The Aviator will win best film at the Oscars, according to the UK's lead",
            "Steven Gaydos, Variety: Film - The Aviator; director - Martin Scorsese; actor - Jamie Foxx",
            "Jonathan Ross, Film 2005: Film - Sideways; director - Clint Eastwood; actor - Jamie Foxx; ",
        ),
        headings=(),
    ),
    "bbc-politics-361.txt": body(
        present=(
            "Gordon Brown will seek to put the economy at the centre of Labour's bid for a third term i",
            "An extension of tax credit scheme for poorer families",
            'For the Lib Dems David Laws said: "The chancellor will no doubt tell us today how wonderfu',
        ),
        headings=(),
    ),
    "bbc-sport-180.txt": body(
        present=(
            "home to Manchester United in the quarter-finals",
            "Martin Allen's brave side came back from two goals down at St Mary's to earn a deserved re",
            "WINNERS (once)",
            # BBC stat lines (league place, best cup run): body text, not crossheads
            "10th League One",
            "QUARTER-FINALS (four times)",
            "18th PREM",
        ),
        headings=(),
    ),
    "bbc-sport-320.txt": body(
        present=(
            "France may have beaten Scotland and England but they were tedious and uninspired throughou",
            "J Laharrague; A Rougerie, Y Jauzion, D Traille, C Dominici; Y Delaigue, D Yachvili; S Marc",
            "R McBryde, J Yapp, J Thomas, R Sowden-Taylor, G Cooper, C Sweeney, R Williams.",
        ),
        headings=(),
    ),
    "bbc-tech-379.txt": body(
        present=(
            "The Apple Powerbook 100 has been chosen as the greatest gadget of all time, by US magazine",
            "Has everyone forgot about the Breville pie maker??",
            "Congratulations to Apple, a deserved win!",
        ),
        headings=(),
    ),
    "book-moby-dick-pg2701-cp1252.txt": body(
        present=(
            "or, THE WHALE.",
            "“Haul in—haul in!” cried Stubb to the bowsman! and, facing round towards the whale, all ha",
            "It so chanced, that after the Parsee’s disappearance, I was he whom the Fates ordained to ",
        ),
        folded=(
            "The Project Gutenberg eBook of Moby Dick; Or, The Whale This ebook is ",  # Project Gutenberg header
            "* * * * * *",  # Rule
            "* * * * * *",  # Rule
            "*** END OF THE PROJECT GUTENBERG EBOOK MOBY DICK; OR, THE WHALE *** Up",  # Project Gutenberg licence
        ),
        not_headings=(
            "“I don’t know; it seems a sort of foolish to me, tho.’”",
            "“Enough,” replied Starbuck, “only don’t hit him again, but—”",
            "“Faith, sir, I’ve——”",
            "“The Parsee!” cried Stubb—“he must have been caught in——”",
        ),
    ),
    "derived-cp1252-tnr-story.txt": body(
        present=(
            "Friend,",
            "To be authentic, you have to own your life.",
            "—Warmly, Michael",
        ),
        headings=(),
    ),
    "derived-crlf-bbc-tech-100.txt": body(
        present=(
            "Leading British computer games maker Peter Molyneux has been made an OBE in the New Year H",
            "Speaking to the BBC News website Mr Molyneux said receiving the honour was something of a ",
            '"It was thought to be like skateboarding," he said, "a craze that everyone thought would g',
        ),
        headings=(),
    ),
    "empty.md": body(
        present=(),
    ),
    "guide-opensource-finding-users-zh-hans.md": body(
        present=(
            "当你创建了一个开源项目时，并没有规定你要如何宣传它。",
            "看看下面的这些方法，获取在宣传你的项目时用得着。",
            "有时候，让人们关注你的开源项目会花费很多时间。",
        ),
    ),
    "livedoor-topic-news-5903225.txt": body(
        present=(
            "最近、TVでも人気者の川越シェフ。",
            "しかし、単なるシェフ風情が調子に乗ってしまうのも無理はない。",
            "そもそも、川越シェフに褒められた程度で“買い”に走ってしまう視聴者のレベルも問題である。",
        ),
        folded=(
            "【関連記事】 ミニストップの川越シェフプロデュースクリスマスケーキがバカ高いと話題に http://news.livedoor.com/to",  # 【関連記事】
            "【関連記事】 シェフのタレント化はもうたくさん!? マスコミが嫌うタレントシェフ http://news.livedoor.com/topi",  # 【関連記事】
            "【関連記事】 離婚告白川越達也シェフ 週1ネイルサロン、収録時は口紅も http://news.livedoor.com/topics/de",  # 【関連記事】
            "【関連記事】 川越シェフが我慢の限界でブチギレ「はよやれや！ あとでこいよ……」 http://news.livedoor.com/topi",  # 【関連記事】
            "【関連記事】 大人気イケメンシェフ 川越達也氏のカネと評判 http://news.livedoor.com/topics/detail/5",  # 【関連記事】
            "【関連記事】 川越達也プロデュース商品が出まくりな件について / 川越ドッグフードも存在 http://news.livedoor.com/",  # 【関連記事】
        ),
        headings=(),
    ),
    "news-aljazeera-gaza-liveblog-tweets.txt": body(
        present=(
            "The live page is now closed.",
            "It said its fighter jets destroyed a launcher in southern Lebanon’s Rachaya Al Foukhar, fr",
            "The Israeli military said seven similar logistics operations have been completed since the",
            # a tweet's own attribution line stays with the quoted tweet
            "— Tamer Almisshal | تامر المسحال (@TamerMisshal) March 10, 2024",
            "Translation: They are moons, not numbers.",
        ),
        folded=(
            "-----",  # Rule
            "A post shared by Carlos",  # Instagram embed chrome
            "A post shared by عمر الديراوي",  # Instagram embed chrome
        ),
        headings=(),
    ),
    "news-chinese-hk-leung.txt": body(
        present=(
            "香港行政长官梁振英在各方压力下就其大宅的违章建筑（僭建）问题到立法会接受质询，并向香港民众道歉。",
            "梁振英说，其位于太平山山顶的住宅内的违建部分大都不是由他所建，此前没有马上公开交待和处理，是因为律师意见认为司法程序仍在进行，他不应评论。",
            "民主党此前计划在星期三（11日）对梁振英提出不信任动议。",
        ),
        headings=("“郑重道歉”",),
    ),
    "news-dailycaller-related-tweets-credit.txt": body(
        present=(
            "The Louisville Cardinals hosted the Kentucky Wildcats on Saturday for one of the 2014 seas",
            "In games like these, I usually cheer for the underdog, but that flop had me wanting Kentuc",
            "I love you too, J. Law.",
        ),
        folded=(
            "Sports",  # Section
            "Dec 27, 2014; Louisville, KY, USA; Louisville Cardinals forward Montre",  # Photo caption
            "4419915",  # Story number
            "(RELATED: Kentucky Basketball’s Christmas Card Must Be Pretty Intimida",  # Related
            "WATCH:",  # Video
            "(RELATED: Forget ISIS, China And Immigrants; Flopping Is Threatening T",  # Related
            "Follow Datoc on Twitter",  # Share and follow
        ),
        headings=(),
    ),
    "news-de-nzz-nahost-liveticker.txt": body(
        present=(
            "Das Wichtigste in Kürze:",
            "Die Menschenrechtler werfen den von der Hamas angeführten Gruppierungen zudem vor, Leichen",
            "Das israelische Militär hat im Norden des Landes nach eigenen Angaben mehrfachen Beschuss ",
        ),
        headings=(
            "Live-Ticker",
            "Donnerstag, 18. 7.",
            "11.04 Uhr: Israelische Drohne tötet offenbar libanesischen Extremisten",
            "06.20 Uhr: USA schliessen provisorischen Hafen vor Gaza-Küste",
            "Mittwoch, 17. 7.",
            "15.32 Uhr: Weiterhin tödliche Angriffe im Gazastreifen",
            "13.28 Uhr: Human Rights Watch: Hamas-Massaker richtete sich gezielt gegen Zivilisten",
            "2.59 Uhr: Hamas-Befehlshaber drängen nach US-Informationen auf Waffenstillstandsabkommen",
            "1.10 Uhr: Heftiger Schusswechsel an Israels Grenze zu Libanon",
            "Dienstag, 16. 7.",
            "19.27 Uhr: Israels Armee hat laut eigenen Angaben Hälfte der Führungsriege",
            "18.20 Uhr: Israelische Armee will ab Sonntag Einberufungsbescheide",
            "14.56 Uhr: Mindestens 28 Tote bei israelischen Angriffen im Gazastreifen",
            "3.41 Uhr: Blinken unterstreicht Bedeutung einer diplomatischen Lösung",
            "1.30 Uhr: Zwei Tote nach mutmasslich israelischem Drohnenangriff in Syrien",
            "1.26 Uhr: Erneuter Beschuss im Grenzgebiet zwischen Israel und Libanon",
        ),
    ),
    "news-es-elpais-deportation-centres.txt": body(
        present=(
            "La presidenta de la Comisión Europea, Ursula von der Leyen, es cada vez más clara en su gi",
            "Distintas organizaciones de derechos humanos han denunciado estas controvertidas instalaci",
            "Cada vez más gobiernos han endurecido su política y su discurso sobre inmigración.",
        ),
        headings=("Denuncias de ONG",),
    ),
    "news-fox13now-cnn-dateline-new-laws.txt": body(
        present=(
            "WASHINGTON (CNN) — Not everyone subscribes to a New Year’s resolution, but Americans will ",
            "Illinois: passed two laws limiting the use of drones.",
            "(Sourcing: much of this list was obtained from the National Conference of State Legislatur",
        ),
        headings=(
            "Federal: Health care, of course, and vending machines",
            "Local: Guns, family leave and shark fins",
            "Illinois and drones",
            "Gender and voting identity",
            "Minimum wage and former felon employment",
            "Social media and pot",
        ),
    ),
    "news-foxnews-oscar-isaac.txt": body(
        present=(
            "Oscar Isaac has had a pretty stellar year.",
            "To further develop their characters' back-stories, Isaac and Chastian, 37, used their mutu",
            "“I’ve signed away my organs,” he joked, adding that filming the iconic franchise was great",
        ),
        folded=(
            "In this image released by A24 Films, Jessica Chastain, left, and Oscar",  # Photo caption
            "Like us on Facebook Follow us on Twitter & Instagram Follow Lucia I. S",  # Share and follow
        ),
        headings=(),
    ),
    "news-fr-lefigaro-ukraine-point.txt": body(
        present=(
            "La Russie a affirmé vendredi avoir fait échouer la campagne militaire ukrainienne pour 2025",
            "Des frappes russes ont fait au moins deux morts à Soumy, dans le nord-est de l’Ukraine, on",
            "Le dirigeant russe Vladimir Poutine a affirmé jeudi que le conflit en Ukraine avait pris u",
        ),
        folded=(
            "Des pompiers ukrainiens après une attaque aérienne russe, à Dnipro en Ukraine.",  # cover
        ),
        headings=(
            "Moscou salue une «avancée» des forces russes",
            "Réunion Otan-Ukraine mardi à Bruxelles sur le Missile balistique russe",
            "La Russie a fourni des missiles antiaériens à la Corée du Nord, affirme Séoul",
            "La Chine appelle à la «retenue» après le tir de missile balistique hypersonique",
            "Deux morts dans des frappes russes dans le nord-est de l’Ukraine",
            "La Russie «a besoin» de migrants face à une situation démographique «tendue»",
            "Le Kazakhstan, allié de Moscou, renforce ses mesures de sécurité",
            "Le conflit en Ukraine a pris un «caractère mondial», affirme Poutine",
        ),
    ),
    "news-hi-jagran-agra-swami.txt": body(
        present=(
            "जागरण संवाददाता, आगरा।",
            "राम मंदिर के निमंत्रण की चर्चा नहीं होनी चाहिए।",
            "स्वामी अधोक्षजानंद का कहना है कि राम मंदिर प्राण प्रतिष्ठा का मुहूर्त त्रेता युग में प्रभु",
        ),
        folded=(
            "यह भी पढ़ें: पीएम मोदी के आने से पहले अयोध्या पहुंची किट, बॉक्स पर लिखा",  # Related
            "यह भी पढ़ें: आचार्य प्रमोद कृष्णम को मिला श्रीराम म",  # Related
            "Jagran.com अब whatsapp चैनल पर भी उपलब्ध है।",  # channel promo
        ),
        headings=(
            "पत्र जारी कर किया खंडन",
            "धर्म गुरुओं का काम धर्म और संस्कृति का प्रसार",
            "राजनीति से दूर रहने की बात कही",
            "त्रेता युग जैसा है मुहूर्त",
        ),
    ),
    "news-ja-mainichi-multicity-signoff.txt": body(
        present=(
            "パレスチナ自治区ガザ地区のイスラム組織ハマスとイスラエルの停戦交渉を仲介しているカタールの外務省報道官は14日、「これまでで最も合意に近づいている」と語った。",
            "停戦に向けた交渉が大詰めを迎える中、バイデン米大統領は13日、カタールのタミム首長と停戦合意に向けて電話協議を実施。",
            "一方で、イスラエル軍は13日、ガザ北部の戦闘でイスラエル兵5人が死亡したと発表した。",
        ),
        folded=(
            "イスラエルの国旗＝同国で2019年5月",  # Photo caption
            "【エルサレム松岡大地、カイロ金子淳】",  # reporters' sign-off glued to the last line
        ),
        headings=(),
    ),
    "news-ja-yomiuri-seoul-dateline.txt": body(
        present=(
            "【ソウル＝小池和樹】韓国の 尹錫悦（ユンソンニョル） 大統領は３日夜、緊急談話を出し、野党が国政をまひさせているとして「非常戒厳」を宣言した。",
            "尹氏は野党が政府高官や検事らへの 弾劾（だんがい） 訴追案を提出している点などを挙げ、「内乱を企てる明白な反国家行為だ。",
            "◆韓国の戒厳令＝ 韓国憲法は第７７条で、大統領は、戦時などの国家緊急事態や公共の安寧秩序を維持する必要がある場合に、戒厳令を宣布することができると定めている。",
        ),
        headings=(),
    ),
    "news-pe-share-prompts-caption.txt": body(
        present=(
            "After a man was shot four times in an exchange of gunfire near Perris, police at first tho",
            "The boyfriend told investigators that the shooter and another man were in a white car that",
            "“She said they had been arguing all week and she was just ‘mad’ at him,” Cornett wrote.",
        ),
        folded=(
            "Share Pin It More Galleries ADVERTISEMENT Judy Avalos, 20, was charged",  # Share prompts
        ),
        headings=(),
    ),
    "news-thedebrief-byline-role-getty.txt": body(
        present=(
            "So in our eyes Ed Sheeran can do no wrong.",
            "Now don’t get us wrong we’ve had a soft spot for floppy haired Mr Bloom since his Pirate d",
            "Ultimately we think Tay can do better, but then we're not sure there is any man who is wor",
        ),
        folded=(
            "Like this? You might also be interested in: Lena Dunham Has Declared T",  # Like this? You might also be interested in
        ),
        headings=(),
    ),
    "page-blog-lemire-simdjson.html": body(
        present=(
            "JSON is the ubiquitous data format on the Internet.",
            "Let us run some benchmarks…",
            "Link: simdjson.",
        ),
    ),
    "page-liberation-nepal-seisme.html": body(
        present=(
            "Un troisième Français a été tué dans le tremblement de terre samedi au Népal, emporté par ",
            "2 209 Français ont été localisés sains et saufs tandis que 393 n’ont pas encore pu être jo",
            "Le séisme a fait près de 5 500 morts et touche huit des 28 millions d’habitants du Népal.",
        ),
    ),
    "page-reuters-parasite-sag-awards.html": body(
        present=(
            "LOS ANGELES (Reuters) - South Korean thriller “Parasite” was the upset winner at the Scree",
            "DISAPPOINTING NIGHT FOR ‘IRISHMAN’",
            "De Niro, whose lead performance in “The Irishman” has been snubbed by the Oscars",
        ),
        folded=(
            "Additional reporting by Steve Gorman; Editing by Marguerita Choy",  # credits
        ),
    ),
    "post-go-gif-decoder.md": body(
        present=(
            "At the Google I/O conference in San Francisco on May 10, 2011, we announced that the Go la",
            "Line 5 asks if there's data left over from a previous call by checking the length of b.sli",
            "The GIF format is defined at http://www.w3.org/Graphics/GIF/spec-gif89a.txt.",
        ),
    ),
    "post-hugo-http2-server-push.md": body(
        present=(
            "Netlify recently announced support for HTTP/2 server push, and we have now added it to the",
            "Add layouts/index.headers:",
            "The template above creates 301 redirects for your aliases, so you will probably want to tu",
        ),
    ),
    "post-jekyll-3-3-is-here.md": body(
        present=(
            "There are tons of great new quality-of-life features you can use in 3.3.",
            "A result of relative_url will safely always produce a URL which is relative to the domain ",
            "Happy Jekylling!",
        ),
    ),
    "post-julia-rr-toml-tuples-def-rawhtml.md": body(
        present=(
            "The Julia project, like any large open source project, gets a large number of bug reports ",
            "Did that help?",
            "Lastly, your author discloses his self-interest.",
        ),
    ),
    "post-mkdocs-material-exclusion-content-tabs.md": body(
        present=(
            "The latest Insiders release brings three new simple ways to exclude dedicated parts of a d",
            "The latest Insiders release brings fine-grained control for excluding pages, sections, and",
            "When the log level is set to DEBUG, the plugin will report exactly which pages and section",
        ),
    ),
    "post-react-canaries.md": body(
        present=(
            "May 3, 2023 by Dan Abramov, Sophie Alpert, Rick Hanlon, Sebastian Markbåge, and Andrew Cla",
            "Generally, we do use minor releases for introducing new features.",
            "We are not introducing any changes to stable React releases.",
        ),
    ),
    "post-rust-1.73.0.md": body(
        present=(
            "The Rust team is happy to announce a new version of Rust, 1.73.0.",
            "std::os::unix::fs::lchown",
            "Many people came together to create Rust 1.73.0.",
        ),
    ),
    "post-simonw-til-datasette-long-code-url.md": body(
        present=(
            "I came up with this trick today, when I wanted to run a LIKE search against every column i",
            "Here's a query that generates a query that searches every column in every table in the dat",
            "It works!",
        ),
    ),
    "post-textual-1.0-admonitions-html-footnotes.md": body(
        present=(
            "I've had the fortune of being able to work fulltime on a FOSS project for the last three p",
            "Info: It's widgets all the way down",
            "If you scroll the screen up, it moves down relative to the widgets.",
        ),
    ),
    "post-vite-8.1-containers-nested-yaml.md": body(
        present=(
            "June 23, 2026",
            "Maintained efficient HMR on top of ESM output",
            "Vite 8.1 is possible thanks to our community of contributors, maintainers in the ecosystem",
        ),
    ),
    "reuters21578-0340-italian-boom.txt": body(
        present=(
            "ROME, March 2 - Italy's strong economic revival has led some observers to talk of miracles",
            "The country's huge state sector deficit, high unemployment and a heavy dependence on impor",
            "\"Even today, if I wanted to invest in the Tokyo bourse, I doubt I'd find the expertise in ",
        ),
        folded=(
            "REUTER",  # REUTER
        ),
        headings=(),
    ),
    "talaa-arabic-elkhabar-world2.txt": body(
        present=(
            "رفض سبعة مترشحين من مجموع أربعة عشر مترشحا للانتخابات الرئاسية في السنغال، دعوة المعارضة إ",
        ),
        headings=(),
    ),
    "wire-ap-anpa-heat-hawks-writethru.txt": body(
        present=(
            "ATLANTA (AP) _ Luol Deng scored 30 points and Josh McRoberts had 19 _ season highs for eac",
            "``I gave it a couple days to see if it would go away,'' Wade said.",
            "Hawks: Host Milwaukee on Saturday night.",
        ),
        folded=(
            "␖␖␁z6715␟----- r z␓␑ BC-BKN--Heat-Hawks 1stLd-Writethru 02-20 0500 ␂^B",  # Wire header
            "AP Photo GATK105, GATK106, GATK103, GATK107, GATK104, GATK102< ^Eds: H",  # Wire notes
            "___",  # Rule
            "␃AP-WF-02-20-16 0337GMT< ␌ ␄",  # Wire trailer
        ),
        headings=(
            "TIP-INS",
            "UP NEXT",
        ),
    ),
    "wire-reuters-gold-jan30-newsml.txt": body(
        present=(
            "Jan 30 (Reuters) - Gold rose on Tuesday on increased safe haven demand",
            "Asian shares were on the defensive on Tuesday as stringent curbs on travel to the United S",
            "Palladium rose 0.7 percent, to $745.40 per ounce.",
        ),
        folded=(
            "(Adds comments, detail)",  # wire writethru note
            "(Reporting by Arpan Varghese in Bengaluru; Editing by Joseph Radford a",  # Reporting credits
        ),
        headings=(),
    ),
    "wire-reuters-london-ebola-glasgow.txt": body(
        present=(
            "LONDON (Reuters) - A healthcare worker has been diagnosed with Ebola a day after flying ho",
            "The patient, whom BBC sources described as a female aid worker, will be transferred to a h",
            "The World Health Organization on Monday said the number of people infected by Ebola in Lib",
        ),
        folded=(
            "1 of 2. A general view of Gartnavel General Hospital is seen in Glasgo",  # Photo caption
            "(Reporting by Andy Bruce in London and Ankur Banerjee in Bengaluru; Ed",  # Reporting credits
        ),
        headings=(),
    ),
}

KNOWN_WRONG: dict[tuple[str, str], str] = {}
