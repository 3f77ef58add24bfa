package signatories

import "strings"

// traditionalToSimplified folds traditional Han characters to their
// simplified forms for the duplicate check (Fold). It is a small hand-made
// table, not a full conversion: the characters that differ and are common
// in the names of companies, associations, places and people (業/业, 東/东,
// 網/网, 書/书, 紅/红, 蘇/苏, 寧/宁, 遊/游, ...). Characters that are also
// ordinary simplified characters with another meaning (乾, 著, 徵) are left
// out, since folding them would merge names that differ. Extend it in
// pairs, traditional first; TestTraditionalTable checks the pairs.
var traditionalToSimplified = pairs(`
業业 東东 團团 網网 電电 書书 紅红 國国 華华 圖图 會会 億亿 動动 務务 協协 區区 際际 發发 貿贸 購购
買买 賣卖 車车 開开 門门 長长 們们 來来 時时 寶宝 貝贝 資资 銀银 險险 證证 傳传 視视 聽听 訊讯 騰腾
麗丽 蘇苏 寧宁 遊游 專专 聯联 學学 廣广 廠厂 產产 豐丰 飲饮 藥药 醫医 療疗 衛卫 環环 與与 為为 線线
級级 場场 價价 優优 選选 鮮鲜 農农 極极 術术 體体 實实 幣币 雲云 數数 據据 計计 設设 灣湾 臺台 陽阳
陰阴 順顺 達达 運运 輸输 遞递 鐵铁 飛飞 機机 島岛 訂订 誠诚 質质 檢检 測测 標标 準准 藝艺 館馆 飯饭
鄉乡 鎮镇 縣县 龍龙 鳳凤 鳥鸟 魚鱼 馬马 驛驿 園园 連连 鎖锁 裝装 飾饰 紡纺 織织 絲丝 綢绸 錶表 鐘钟
錢钱 銷销 貨货 倉仓 儲储 庫库 雜杂 誌志 報报 紙纸 畫画 頻频 聞闻 勢势 節节 約约 戲戏 劇剧 樂乐 聲声
響响 韻韵 讀读 說说 話话 語语 詞词 譯译 認认 識识 議议 論论 調调 護护 愛爱 親亲 兒儿 嬰婴 孫孙 婦妇
聖圣 靈灵 氣气 燈灯 煙烟 熱热 無无 點点 滿满 漢汉 濟济 滬沪 湯汤 溫温 潔洁 澤泽 淨净 濕湿 礦矿 碼码
確确 礎础 腦脑 膚肤 臉脸 藍蓝 蘭兰 莊庄 葉叶 萬万 薦荐 蘋苹 蘿萝 號号 處处 虛虚 觀观 規规 覺觉 記记
許许 評评 試试 詳详 該该 誇夸 請请 諮咨 謝谢 讓让 貴贵 費费 賓宾 賞赏 贈赠 贏赢 跡迹 躍跃 軟软 輕轻
載载 輪轮 轉转 辦办 邊边 遠远 適适 還还 郵邮 鄭郑 醬酱 釋释 針针 鋼钢 錄录 鏈链 閃闪 閉闭 間间 閱阅
關关 陸陆 隊队 階阶 隨随 雙双 雞鸡 離离 難难 須须 頁页 項项 預预 領领 頭头 題题 額额 顏颜 顧顾 風风
飄飘 養养 餘余 驗验 驚惊 髮发 鬥斗 魯鲁 鴨鸭 鵝鹅 麥麦 黃黄 齊齐 齒齿 龜龟 偉伟 備备 傑杰 儀仪 兌兑
內内 兩两 冊册 剛刚 創创 劃划 劑剂 勞劳 勝胜 匯汇 單单 厲厉 參参 變变 嘗尝 員员 問问 啟启 喬乔 嚴严
圍围 執执 堅坚 塊块 塵尘 壓压 壞坏 壯壮 夢梦 夾夹 奪夺 奮奋 媽妈 寫写 導导 層层 屬属 岡冈 嶺岭 帥帅
師师 帳帐 帶带 幫帮 幾几 廳厅 彈弹 徑径 從从 復复 態态 戰战 掃扫 換换 損损 搖摇 擁拥 擇择 擊击 擔担
擴扩 擺摆 攝摄 敗败 敵敌 斷断 於于 曉晓 曆历 條条 構构 槍枪 樓楼 樣样 橋桥 檔档 櫃柜 權权 歡欢 歲岁
歷历 歸归 殘残 殺杀 殼壳 毀毁 決决 沒没 沖冲 況况 涼凉 減减 湧涌 溝沟 滅灭 滾滚 漁渔 潛潜 濃浓 濱滨
灑洒 災灾 烏乌 煉炼 爐炉 爭争 爺爷 牆墙 狀状 猶犹 獎奖 獨独 獲获 現现 瑪玛 畢毕 當当 疊叠 盡尽 監监
盤盘 眾众 礙碍 禮礼 禍祸 種种 稱称 穩稳 窮穷 競竞 筆笔 築筑 範范 簡简 糧粮 糾纠 紀纪 紛纷 細细 終终
組组 結结 統统 絕绝 給给 絡络 經经 綜综 綠绿 維维 緊紧 編编 緣缘 練练 縮缩 總总 績绩 繼继 續续 罰罚
羅罗 義义 習习 職职 肅肃 脫脱 膽胆 興兴 舉举 舊旧 艙舱 艱艰 蓋盖 虧亏 蟲虫 衝冲 補补 製制 複复 見见
覽览 觸触 託托 訪访 詢询 誤误 課课 誰谁 談谈 諾诺 謀谋 講讲 謹谨 譜谱 讚赞 豬猪 貓猫 負负 財财 責责
販贩 貪贪 貫贯 貸贷 賀贺 賃赁 賬账 賺赚 賽赛 趕赶 趙赵 蹤踪 軍军 軒轩 較较 輔辅 輝辉 輩辈 轄辖 辭辞
這这 進进 過过 違违 遙遥 遜逊 遲迟 遺遗 鄰邻 釀酿 釣钓 鈴铃 鉛铅 銅铜 銘铭 鋒锋 錯错 鍋锅 鍵键 鏡镜
閒闲 閣阁 闆板 闊阔 陣阵 陳陈 隱隐 雖虽 靜静 韓韩 頂顶 頓顿 顆颗 類类 顯显 飽饱 駐驻 騎骑 驅驱 髒脏
鬧闹 鳴鸣 鹽盐 麼么 黨党 齡龄 濤涛 綺绮 晉晋 瀋沈 廈厦 羣群 絃弦 衆众 裏里 裡里 後后 個个 鄧邓 劉刘
張张 楊杨 吳吴 週周 鄒邹 譚谭 蔣蒋 韋韦 馮冯 蕭萧 盧卢 龔龚 閻阎 賈贾 鄔邬
`)

// pairs reads "TS TS …" into a map; anything that is not a pair of two
// characters is skipped (TestTraditionalTable makes sure there is none).
func pairs(s string) map[rune]rune {
	m := map[rune]rune{}
	for _, p := range strings.Fields(s) {
		r := []rune(p)
		if len(r) == 2 {
			m[r[0]] = r[1]
		}
	}
	return m
}
