// Thêm "Hôm nay", "Ngày mai", "Còn N ngày", "Đang diễn ra", "Đã qua" cạnh các ngày đã ghi trên
// trang, tính theo ngày trên máy người xem. Không có tệp này (hoặc tắt JavaScript) trang vẫn đủ:
// mọi ngày đều ghi rõ ngày tháng.
(function () {
  var MOT_NGAY = 86400000;
  function ngay(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }
  var now = new Date();
  var homNay = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  var cac = document.querySelectorAll("[data-tu]");
  for (var i = 0; i < cac.length; i++) {
    var o = cac[i];
    var tu = (ngay(o.getAttribute("data-tu")) - homNay) / MOT_NGAY;
    var den = (ngay(o.getAttribute("data-den") || o.getAttribute("data-tu")) - homNay) / MOT_NGAY;
    var chu;
    if (den < 0) {
      chu = "Đã qua";
      if (o.parentNode) o.parentNode.className += " da-qua";
    } else if (tu <= 0 && den > 0) chu = "Đang diễn ra";
    else if (tu === 0) chu = "Hôm nay";
    else if (tu === 1) chu = "Ngày mai";
    else chu = "Còn " + tu + " ngày";
    o.textContent = chu;
  }
})();
