// Search, filters and ordering for a signatories list
// (layouts/initiative.signatories.html). The page reads completely without
// this file: every entry is listed, grouped, with links to each group. With
// it, the controls filter in place and the choice is kept in the address
// (?q=…&category=…&status=…&sort=date), so a filtered list can be shared.
//
// A list longer than one page is searched in its JSON export, fetched on the
// first search; results link to each entry on its page.

// Traditional → simplified pairs: the same table as
// internal/signatories/hant.go (TestScriptFoldsLikeTheValidator checks), so
// searching 小紅書 finds 小红书.
const TRADITIONAL = `
業业 東东 團团 網网 電电 書书 紅红 國国 華华 圖图 會会 億亿 動动 務务 協协 區区 際际 發发 貿贸 購购 買买 賣卖 車车 開开
門门 長长 們们 來来 時时 寶宝 貝贝 資资 銀银 險险 證证 傳传 視视 聽听 訊讯 騰腾 麗丽 蘇苏 寧宁 遊游 專专 聯联 學学 廣广
廠厂 產产 豐丰 飲饮 藥药 醫医 療疗 衛卫 環环 與与 為为 線线 級级 場场 價价 優优 選选 鮮鲜 農农 極极 術术 體体 實实 幣币
雲云 數数 據据 計计 設设 灣湾 臺台 陽阳 陰阴 順顺 達达 運运 輸输 遞递 鐵铁 飛飞 機机 島岛 訂订 誠诚 質质 檢检 測测 標标
準准 藝艺 館馆 飯饭 鄉乡 鎮镇 縣县 龍龙 鳳凤 鳥鸟 魚鱼 馬马 驛驿 園园 連连 鎖锁 裝装 飾饰 紡纺 織织 絲丝 綢绸 錶表 鐘钟
錢钱 銷销 貨货 倉仓 儲储 庫库 雜杂 誌志 報报 紙纸 畫画 頻频 聞闻 勢势 節节 約约 戲戏 劇剧 樂乐 聲声 響响 韻韵 讀读 說说
話话 語语 詞词 譯译 認认 識识 議议 論论 調调 護护 愛爱 親亲 兒儿 嬰婴 孫孙 婦妇 聖圣 靈灵 氣气 燈灯 煙烟 熱热 無无 點点
滿满 漢汉 濟济 滬沪 湯汤 溫温 潔洁 澤泽 淨净 濕湿 礦矿 碼码 確确 礎础 腦脑 膚肤 臉脸 藍蓝 蘭兰 莊庄 葉叶 萬万 薦荐 蘋苹
蘿萝 號号 處处 虛虚 觀观 規规 覺觉 記记 許许 評评 試试 詳详 該该 誇夸 請请 諮咨 謝谢 讓让 貴贵 費费 賓宾 賞赏 贈赠 贏赢
跡迹 躍跃 軟软 輕轻 載载 輪轮 轉转 辦办 邊边 遠远 適适 還还 郵邮 鄭郑 醬酱 釋释 針针 鋼钢 錄录 鏈链 閃闪 閉闭 間间 閱阅
關关 陸陆 隊队 階阶 隨随 雙双 雞鸡 離离 難难 須须 頁页 項项 預预 領领 頭头 題题 額额 顏颜 顧顾 風风 飄飘 養养 餘余 驗验
驚惊 髮发 鬥斗 魯鲁 鴨鸭 鵝鹅 麥麦 黃黄 齊齐 齒齿 龜龟 偉伟 備备 傑杰 儀仪 兌兑 內内 兩两 冊册 剛刚 創创 劃划 劑剂 勞劳
勝胜 匯汇 單单 厲厉 參参 變变 嘗尝 員员 問问 啟启 喬乔 嚴严 圍围 執执 堅坚 塊块 塵尘 壓压 壞坏 壯壮 夢梦 夾夹 奪夺 奮奋
媽妈 寫写 導导 層层 屬属 岡冈 嶺岭 帥帅 師师 帳帐 帶带 幫帮 幾几 廳厅 彈弹 徑径 從从 復复 態态 戰战 掃扫 換换 損损 搖摇
擁拥 擇择 擊击 擔担 擴扩 擺摆 攝摄 敗败 敵敌 斷断 於于 曉晓 曆历 條条 構构 槍枪 樓楼 樣样 橋桥 檔档 櫃柜 權权 歡欢 歲岁
歷历 歸归 殘残 殺杀 殼壳 毀毁 決决 沒没 沖冲 況况 涼凉 減减 湧涌 溝沟 滅灭 滾滚 漁渔 潛潜 濃浓 濱滨 灑洒 災灾 烏乌 煉炼
爐炉 爭争 爺爷 牆墙 狀状 猶犹 獎奖 獨独 獲获 現现 瑪玛 畢毕 當当 疊叠 盡尽 監监 盤盘 眾众 礙碍 禮礼 禍祸 種种 稱称 穩稳
窮穷 競竞 筆笔 築筑 範范 簡简 糧粮 糾纠 紀纪 紛纷 細细 終终 組组 結结 統统 絕绝 給给 絡络 經经 綜综 綠绿 維维 緊紧 編编
緣缘 練练 縮缩 總总 績绩 繼继 續续 罰罚 羅罗 義义 習习 職职 肅肃 脫脱 膽胆 興兴 舉举 舊旧 艙舱 艱艰 蓋盖 虧亏 蟲虫 衝冲
補补 製制 複复 見见 覽览 觸触 託托 訪访 詢询 誤误 課课 誰谁 談谈 諾诺 謀谋 講讲 謹谨 譜谱 讚赞 豬猪 貓猫 負负 財财 責责
販贩 貪贪 貫贯 貸贷 賀贺 賃赁 賬账 賺赚 賽赛 趕赶 趙赵 蹤踪 軍军 軒轩 較较 輔辅 輝辉 輩辈 轄辖 辭辞 這这 進进 過过 違违
遙遥 遜逊 遲迟 遺遗 鄰邻 釀酿 釣钓 鈴铃 鉛铅 銅铜 銘铭 鋒锋 錯错 鍋锅 鍵键 鏡镜 閒闲 閣阁 闆板 闊阔 陣阵 陳陈 隱隐 雖虽
靜静 韓韩 頂顶 頓顿 顆颗 類类 顯显 飽饱 駐驻 騎骑 驅驱 髒脏 鬧闹 鳴鸣 鹽盐 麼么 黨党 齡龄 濤涛 綺绮 晉晋 瀋沈 廈厦 羣群
絃弦 衆众 裏里 裡里 後后 個个 鄧邓 劉刘 張张 楊杨 吳吴 週周 鄒邹 譚谭 蔣蒋 韋韦 馮冯 蕭萧 盧卢 龔龚 閻阎 賈贾 鄔邬
`;

const SIMPLIFIED = new Map(
  TRADITIONAL.trim().split(/\s+/).map((pair) => [...pair]),
);

// Fold a name the way tools/signatories does for its duplicate check: width
// (ＪＤ → jd), case, traditional → simplified, punctuation and spaces dropped.
function fold(text) {
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    const c = SIMPLIFIED.get(ch) || ch;
    if (/[\p{L}\p{N}\p{M}]/u.test(c)) out += c;
  }
  return out.normalize("NFKC");
}

const RESULTS_CAP = 200;

function readState(params) {
  return {
    q: params.get("q") || "",
    category: params.get("category") || "",
    status: params.get("status") || "",
    sort: params.get("sort") === "date" ? "date" : "name",
  };
}

function writeState(state) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(state)) {
    const isDefault = value === "" || (key === "sort" && value === "name");
    if (isDefault) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  history.replaceState(history.state, "", (query ? "?" + query : location.pathname) + location.hash);
}

function matches(entry, state, q) {
  return (!state.category || entry.category === state.category) &&
    (!state.status || entry.status === state.status) &&
    (!q || entry.names.includes(q));
}

function byDate(a, b) {
  return a.signed < b.signed ? 1 : a.signed > b.signed ? -1 : a.order - b.order;
}

// The export's URLs are absolute, for reuse elsewhere; on the site itself
// follow them on the host the page came from (a mirror, a local preview).
function sameSite(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.hash;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// The entries on this page, read from the markup: the status is the
// group's (active entries are grouped by category), the date the <time>'s.
function pageEntries(doc) {
  return [...doc.querySelectorAll("li.signatory")].map((li, order) => {
    const group = li.closest(".signatory-group");
    const time = li.querySelector("time");
    return {
      li,
      order,
      category: li.dataset.category,
      status: group && group.dataset.groupKind === "status" ? group.dataset.group : "active",
      signed: time ? time.dateTime : "",
      names: fold([...li.querySelectorAll(".signatory-name a, .signatory-other-names span")]
        .map((el) => el.textContent).join("\n")),
    };
  });
}

// Whole list on one page: hide what does not match, hide empty groups,
// and order each group by name (the page's order) or by date.
function filterInPlace(doc, entries, state) {
  const q = fold(state.q);
  let shown = 0;
  for (const entry of entries) {
    const show = matches(entry, state, q);
    entry.li.hidden = !show;
    if (show) shown++;
  }
  const sorted = [...entries].sort(state.sort === "date" ? byDate : (a, b) => a.order - b.order);
  for (const entry of sorted) entry.li.parentElement.append(entry.li);
  for (const group of doc.querySelectorAll(".signatory-group")) {
    group.hidden = !group.querySelector("li.signatory:not([hidden])");
  }
  return shown;
}

// Draw one entry of the JSON export: its name linking to the entry on its
// page, its other names (each with its language), category, status and
// date. Text only, never HTML.
function resultItem(doc, entry, lang, labels, locales) {
  const span = (text, tag) => {
    const el = doc.createElement("span");
    el.textContent = text;
    if (tag) el.lang = tag;
    return el;
  };
  const li = doc.createElement("li");
  li.className = "signatory signatory-result";
  const p = doc.createElement("p");
  p.className = "signatory-name";
  const a = doc.createElement("a");
  a.href = sameSite(entry.url);
  a.textContent = (entry.name && entry.name[lang]) || entry.id;
  p.append(a);
  li.append(p);
  const names = doc.createElement("p");
  names.className = "signatory-other-names";
  const shown = [a.textContent];
  for (const [key, name] of Object.entries(entry.name || {})) {
    if (!shown.includes(name)) {
      names.append(span(name, locales[key]));
      shown.push(name);
    }
  }
  if (entry.original && !shown.includes(entry.original.name)) {
    names.append(span(entry.original.name, entry.original.lang));
  }
  const facts = doc.createElement("p");
  facts.className = "signatory-result-facts";
  facts.textContent = [labels[entry.category], labels[entry.status], entry.signed].filter(Boolean).join(" · ");
  li.append(names, facts);
  return li;
}

function start(doc) {
  const form = doc.querySelector("form.signatory-filters");
  if (!form) return;
  const msg = form.dataset;
  const labels = JSON.parse(msg.labels || "{}");
  const locales = JSON.parse(msg.locales || "{}");
  const complete = msg.complete === "true";
  const total = Number(msg.total);
  const status = form.querySelector(".filter-result");
  const lists = doc.querySelector(".signatory-lists");
  const pager = doc.querySelector(".signatory-pager");
  const entries = pageEntries(doc);
  let exported = null;

  const loadExport = () => {
    exported ||= fetch(msg.json)
      .then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then((data) => {
        const collator = new Intl.Collator(
          data.language.startsWith("zh") ? "zh-Hans-u-co-pinyin" : data.language);
        const list = data.signatories.map((e, order) => ({
          ...e,
          order,
          names: fold([...Object.values(e.name || {}), (e.original || {}).name || ""].join("\n")),
        }));
        list.sort((a, b) => collator.compare((a.name || {})[data.language] || a.id,
          (b.name || {})[data.language] || b.id));
        list.forEach((e, i) => { e.order = i; });
        return { language: data.language, list };
      });
    return exported;
  };

  let results = null;
  const showResults = async (state) => {
    status.textContent = msg.msgLoading;
    let data;
    try {
      data = await loadExport();
    } catch {
      status.textContent = msg.msgFailed;
      return;
    }
    const q = fold(state.q);
    const found = data.list.filter((e) => matches(e, state, q));
    if (state.sort === "date") found.sort(byDate);
    if (!results) {
      results = doc.createElement("ol");
      results.className = "signatory-list signatory-results";
      lists.before(results);
    }
    results.replaceChildren(...found.slice(0, RESULTS_CAP).map((e) => resultItem(doc, e, data.language, labels, locales)));
    results.hidden = false;
    lists.hidden = true;
    if (pager) pager.hidden = true;
    const values = { shown: Math.min(found.length, RESULTS_CAP), total: found.length };
    status.textContent = fill(found.length > RESULTS_CAP ? msg.msgCapped : msg.msgShowing, values);
  };

  const apply = (state) => {
    const filtered = state.q || state.category || state.status || state.sort !== "name";
    if (complete) {
      const shown = filterInPlace(doc, entries, state);
      status.textContent = filtered ? fill(msg.msgShowing, { shown, total }) : "";
    } else if (filtered) {
      showResults(state);
    } else {
      if (results) results.hidden = true;
      lists.hidden = false;
      if (pager) pager.hidden = false;
      status.textContent = "";
    }
  };

  const controls = form.elements;
  const fromForm = () => readState(new URLSearchParams({
    q: controls.q.value.trim(),
    category: controls.category.value,
    status: controls.status.value,
    sort: controls.sort.value,
  }));

  const state = readState(new URLSearchParams(location.search));
  controls.q.value = state.q;
  controls.category.value = state.category;
  controls.status.value = state.status;
  controls.sort.value = state.sort;
  form.hidden = false;
  apply(state);

  const update = () => {
    const next = fromForm();
    writeState(next);
    apply(next);
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });

  // A link to an entry on another page of a long list (#id with no such
  // element here) goes to the page that holds it.
  const id = decodeURIComponent(location.hash.slice(1));
  if (id && !complete && !doc.getElementById(id)) {
    loadExport().then((data) => {
      const entry = data.list.find((e) => e.id === id);
      if (entry) location.replace(sameSite(entry.url));
    }, () => {});
  }
}

start(document);
